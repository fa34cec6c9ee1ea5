package io.solomo.decision.ruleset;

import io.solomo.decision.ruleset.RuleSetViews.FindingView;
import io.solomo.rules.CellPlace;
import io.solomo.rules.FindingText;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the offer ids that the rules of an upload propose but the catalogue lacks, such as a mistyped
 * {@code STORE-WELCOME-99} or {@code store-welcome-10} (ids are case-sensitive). Decisions reject such a candidate
 * at the catalogue stage, so the upload warns without blocking: the offer may be created after the rules.
 */
final class UnknownOffers {

    // A rule's name, double-quoted, single-quoted or bare, and its body up to the first end that starts or ends a line.
    private static final Pattern RULE = Pattern.compile(
            "(?ms)^\\s*rule\\s+(\"[^\"]+\"|'[^']+'|\\S+)(.*?)(?:^\\s*end\\b|\\bend\\s*$)");
    // The id as the bundled table passes it (String offerId = "X";) or as a DRL rule writes it inline.
    private static final Pattern OFFER_ID = Pattern.compile(
            "String\\s+offerId\\s*=\\s*\"([^\"]+)\"|new\\s+(?:[\\w.]+\\.)?OfferCandidate\\s*\\(\\s*\"([^\"]+)\"");

    private UnknownOffers() {
    }

    /**
     * Returns one warning per rule and unknown offer id, at the cell that gives the offer id in a decision table, or at
     * the line of the rule in a DRL file.
     *
     * @param drlByFile    the DRL of each rule file: the text of a DRL file, or the DRL generated from a table
     * @param known        whether the catalogue has an offer id
     * @param offerIdCells the cell that gives the offer id of each table rule, by rule name
     */
    static List<FindingView> warnings(Map<String, String> drlByFile, Predicate<String> known,
                                      Map<String, CellPlace> offerIdCells) {
        List<FindingView> warnings = new ArrayList<>();
        drlByFile.forEach((path, drl) -> {
            Matcher rule = RULE.matcher(drl);
            while (rule.find()) {
                for (String offerId : offerIds(rule.group(2))) {
                    if (!known.test(offerId)) {
                        String name = rule.group(1).replaceAll("^[\"']|[\"']$", "");
                        FindingText text = FindingText.of("offer.not-in-catalogue", name, offerId);
                        CellPlace cell = offerIdCells.get(name);
                        if (cell != null && cell.file().equals(path)) {
                            warnings.add(FindingView.of(path, cell.sheet(), cell.cell(), text));
                        } else if (path.endsWith(".drl")) {
                            int line = (int) drl.substring(0, rule.start(1)).lines().count();
                            warnings.add(FindingView.of(path, null, "line " + line, text));
                        } else {
                            warnings.add(FindingView.of(path, null, null, text));
                        }
                    }
                }
            }
        });
        return warnings;
    }

    private static Set<String> offerIds(String ruleBody) {
        Set<String> ids = new LinkedHashSet<>();
        Matcher id = OFFER_ID.matcher(ruleBody);
        while (id.find()) {
            ids.add(id.group(1) != null ? id.group(1) : id.group(2));
        }
        return ids;
    }
}
