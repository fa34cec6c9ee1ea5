package io.solomo.rules;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.drools.template.parser.DecisionTableParseException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds, in the text of a rule set's files, the rules that can propose each offer: those whose consequence creates
 * {@code new OfferCandidate(...)} with the offer id written as a literal, directly or through a local variable. Decision tables are read through
 * the DRL that Drools generates from them, sheet by sheet, so each of their rules comes with its sheet and row.
 *
 * <p>NOTE: A rule that builds the offer id at run time, from a fact, a global or a concatenation, is not found.
 */
final class OfferProposers {

    private static final Pattern RULE_HEADER = Pattern.compile("^\\s*rule\\s+(?:\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)')");
    // Drools 10.2 writes this comment above every rule it generates from a table row, e.g. "// rule values at B16,
    // header at B11".
    private static final Pattern ROW_COMMENT = Pattern.compile("^\\s*// rule values at [A-Z]+(\\d+), header at .*$");
    private static final Pattern RULE_END = Pattern.compile("^\\s*end\\s*$");
    private static final Pattern NEW_CANDIDATE = Pattern.compile(
            "\\bnew\\s+(?:io\\.solomo\\.model\\.offer\\.)?OfferCandidate\\s*\\(\\s*(?:\"([^\"]+)\"|(\\w+)\\s*,)");
    private static final Pattern STRING_ASSIGNMENT = Pattern.compile(
            "\\bString\\s+(\\w+)\\s*=\\s*\"([^\"]+)\"\\s*;");

    private OfferProposers() {
    }

    /**
     * Returns the rules that can propose each offer, by offer id, in the order of the files and of their rules, with
     * the DRL that each rule is written in.
     */
    static Index of(Map<String, byte[]> files) {
        Map<String, List<OfferProposer>> byOffer = new LinkedHashMap<>();
        Map<OfferProposer, String> drlByProposer = new HashMap<>();
        files.forEach((path, content) -> {
            for (GeneratedDrl drl : drlOf(path, content)) {
                addRules(path, drl, byOffer, drlByProposer);
            }
        });
        byOffer.replaceAll((offerId, proposers) -> List.copyOf(proposers));
        return new Index(Map.copyOf(byOffer), Map.copyOf(drlByProposer));
    }

    /**
     * The rules that can propose each offer.
     *
     * @param byOffer       the rules by offer id
     * @param drlByProposer the text of the DRL file, or of the DRL generated from the table sheet, of each rule
     */
    record Index(Map<String, List<OfferProposer>> byOffer, Map<OfferProposer, String> drlByProposer) {
    }

    private static void addRules(String path, GeneratedDrl drl, Map<String, List<OfferProposer>> byOffer,
                                 Map<OfferProposer, String> drlByProposer) {
        OfferProposer rule = null;
        Integer rowOfNextRule = null;
        StringBuilder body = new StringBuilder();
        for (String line : drl.text().lines().toList()) {
            Matcher rowComment = ROW_COMMENT.matcher(line);
            Matcher header = RULE_HEADER.matcher(line);
            if (rowComment.matches()) {
                rowOfNextRule = Integer.valueOf(rowComment.group(1));
            } else if (header.find()) {
                String name = header.group(1) != null ? header.group(1) : header.group(2);
                rule = new OfferProposer(name, path, drl.sheet(), rowOfNextRule);
                rowOfNextRule = null;
                body.setLength(0);
            } else if (rule != null && RULE_END.matcher(line).matches()) {
                for (String offerId : offersProposedIn(body)) {
                    List<OfferProposer> proposers = byOffer.computeIfAbsent(offerId, id -> new ArrayList<>());
                    if (!proposers.contains(rule)) {
                        proposers.add(rule);
                    }
                    drlByProposer.put(rule, drl.text());
                }
                rule = null;
            } else if (rule != null) {
                body.append(line).append('\n');
            }
        }
    }

    /**
     * Returns the offer ids of the {@code new OfferCandidate(...)} calls in a rule's text, whose first argument is a
     * string literal or a local variable set to one, as in the DRL that Drools generates from the offers workbook:
     * {@code String offerId = "STORE-WELCOME-10"; insert(new OfferCandidate(offerId, ...));}.
     */
    private static List<String> offersProposedIn(CharSequence rule) {
        Map<String, String> literals = new LinkedHashMap<>();
        Matcher assignment = STRING_ASSIGNMENT.matcher(rule);
        while (assignment.find()) {
            literals.put(assignment.group(1), assignment.group(2));
        }
        List<String> offerIds = new ArrayList<>();
        Matcher candidate = NEW_CANDIDATE.matcher(rule);
        while (candidate.find()) {
            String offerId = candidate.group(1) != null ? candidate.group(1) : literals.get(candidate.group(2));
            if (offerId != null && !offerIds.contains(offerId)) {
                offerIds.add(offerId);
            }
        }
        return offerIds;
    }

    /** Returns the DRL of a file: its own text, or the DRL generated from each sheet of a table. */
    private static List<GeneratedDrl> drlOf(String path, byte[] content) {
        if (!RuleFileNames.isDecisionTable(path)) {
            return List.of(new GeneratedDrl(null, new String(content, StandardCharsets.UTF_8)));
        }
        SpreadsheetCompiler compiler = new SpreadsheetCompiler();
        if (RuleFileNames.isCsvDecisionTable(path)) {
            return List.of(new GeneratedDrl(null, compiler.compile(new ByteArrayInputStream(content),
                    InputType.CSV)));
        }
        List<GeneratedDrl> sheets = new ArrayList<>();
        for (String sheet : sheetNames(content)) {
            try {
                sheets.add(new GeneratedDrl(sheet, compiler.compile(new ByteArrayInputStream(content), sheet)));
            } catch (DecisionTableParseException | IllegalArgumentException noRuleTable) {
                // A sheet without a RuleTable, such as the Scenarios sheet, proposes no offer.
            }
        }
        return sheets;
    }

    private static List<String> sheetNames(byte[] content) {
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(content))) {
            List<String> names = new ArrayList<>();
            for (Sheet sheet : workbook) {
                names.add(sheet.getSheetName());
            }
            return names;
        } catch (IOException unreadable) {
            // Unlikely, because the compiler read this workbook already. Its rules are then left out of the list.
            return List.of();
        }
    }

    private record GeneratedDrl(String sheet, String text) {
    }
}
