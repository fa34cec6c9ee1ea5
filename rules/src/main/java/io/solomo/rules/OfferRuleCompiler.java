package io.solomo.rules;

import io.solomo.model.offer.OfferCandidate;
import io.solomo.rules.RuleCompilationException.Problem;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.template.parser.DecisionTableParseException;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.api.builder.model.KieSessionModel.KieSessionType;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.Resource;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieSessionConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Builds an {@link OfferRuleBase} at runtime from DRL files and spreadsheet decision tables, so that a new rule set can
 * be loaded without restarting the service.
 *
 * <p>Every file must add at least one rule to the package {@value #RULE_PACKAGE}: the DRL {@code package} line and
 * a workbook's RuleSet cell must both read {@code solomo.offers}. The folder of a file does not matter to Drools.
 * Thread-safe. Compiling the bundled files took about 0.1 s when warm and 2 s as the first build in a fresh JVM
 * (2-core test machine), so call it when a rule set is uploaded, never per request.
 */
public class OfferRuleCompiler {

    static final String RULE_PACKAGE = "solomo.offers";
    static final String KIE_BASE_NAME = "offers";
    static final String SESSION_NAME = "offers-session";

    // Keep in step with src/main/resources/solomo/offers, because bundledFiles() must not scan a folder inside a fat jar.
    // A test checks that the folder contains exactly these files.
    static final List<String> BUNDLED_FILES = List.of(
            "solomo/offers/offers.drl.xlsx",
            "solomo/offers/suitability.drl",
            "solomo/offers/recognition.drl");

    private static final Logger log = LoggerFactory.getLogger(OfferRuleCompiler.class);

    // Inside a Spring Boot fat jar, Drools' default class loader cannot see the model classes in BOOT-INF/lib, so the
    // loader of the facts is passed to every Drools call that takes one.
    private static final ClassLoader FACT_CLASS_LOADER = OfferCandidate.class.getClassLoader();

    private final KieServices kieServices = KieServices.Factory.get();

    /**
     * Compiles the given rule files into a rule base.
     *
     * <p>NOTE: Table values that fail only when a rule fires are not checked. A blank weight makes the row's rule fire
     * without proposing its offer, and a weight of 0 or below makes {@link OfferRuleBase#evaluate} throw whenever the
     * row matches.
     *
     * @param version a label for this rule set, such as an upload id or a date, that {@link OfferRuleBase#version()}
     *                returns
     * @param files   file contents by relative path, such as {@code solomo/offers/offers.drl.xlsx}. Names must end in
     *                {@code .drl}, {@code .drl.xlsx}, {@code .drl.xls} or {@code .drl.csv}.
     * @throws RuleCompilationException listing every misnamed or empty file, every Drools build error with its file and
     *                                  position, every file that adds no rule, and a rule base without rules
     */
    public OfferRuleBase compile(String version, Map<String, byte[]> files) {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("version is missing; give the rule set a label such as an upload id");
        }
        Objects.requireNonNull(files, "files");
        List<Problem> fileProblems = checkFiles(files);
        if (!fileProblems.isEmpty()) {
            throw new RuleCompilationException(version, fileProblems);
        }

        if (!StandardCharsets.UTF_8.equals(Charset.defaultCharset())) {
            // NOTE: Drools 10.2 compiles rule consequences with ECJ, which reads the Java it generates in the JVM's
            // default charset. Any other than UTF-8 garbles non-ASCII text in a consequence, such as the French
            // reasons of suitability.drl.
            log.warn("Compiling offer rules version {} with the default charset {}: accented text in rule "
                    + "consequences will be garbled. Run the JVM with -Dfile.encoding=UTF-8 or a UTF-8 locale",
                    version, Charset.defaultCharset());
        }
        long started = System.nanoTime();
        ReleaseId releaseId = kieServices.newReleaseId("io.solomo.rules", "offers-" + UUID.randomUUID(), "1.0.0");
        KieBuilder builder = kieServices.newKieBuilder(fileSystem(releaseId, files), FACT_CLASS_LOADER);
        try {
            builder.buildAll();
        } catch (DecisionTableParseException unreadable) {
            throw new RuleCompilationException(version, List.of(problemOf(unreadable, files.keySet())));
        }
        List<Problem> buildProblems = buildProblems(version, builder, files);
        if (!buildProblems.isEmpty()) {
            throw new RuleCompilationException(version, buildProblems);
        }

        OfferRuleBase ruleBase = load(version, releaseId, files);
        log.info("Compiled offer rules version {} from {} files: {} rules in {} ms", version, files.size(),
                ruleBase.ruleCount(), (System.nanoTime() - started) / 1_000_000);
        return ruleBase;
    }

    /**
     * Reads this module's own rule files from the class path, which works from a directory and from a nested jar in
     * a Spring Boot fat jar alike.
     *
     * @return a new map on each call, file contents by path in a stable order, ready for {@link #compile}
     * @throws IllegalStateException when a bundled file is missing from the class path
     */
    public static Map<String, byte[]> bundledFiles() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String path : BUNDLED_FILES) {
            files.put(path, readResource(path));
        }
        return Collections.unmodifiableMap(files);
    }

    static List<Problem> checkFiles(Map<String, byte[]> files) {
        List<Problem> problems = new ArrayList<>();
        if (files.isEmpty()) {
            problems.add(Problem.ofRuleSet(FindingText.of("compiler.no-files")));
        }
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Optional<FindingText> nameProblem = RuleFileNames.problemWith(file.getKey());
            if (nameProblem.isPresent()) {
                problems.add(Problem.ofFile(file.getKey(), nameProblem.get()));
            } else if (file.getValue() == null || file.getValue().length == 0) {
                problems.add(Problem.ofFile(file.getKey(), FindingText.of("file.empty")));
            }
        }
        return problems;
    }

    private KieFileSystem fileSystem(ReleaseId releaseId, Map<String, byte[]> files) {
        KieFileSystem fileSystem = kieServices.newKieFileSystem();
        fileSystem.writeKModuleXML(moduleModel().toXML());
        fileSystem.generateAndWritePomXML(releaseId);
        files.forEach((path, content) -> fileSystem.write("src/main/resources/" + path, content));
        return fileSystem;
    }

    /** Returns the same KIE base and session as META-INF/kmodule.xml declares. */
    private KieModuleModel moduleModel() {
        KieModuleModel module = kieServices.newKieModuleModel();
        module.newKieBaseModel(KIE_BASE_NAME)
                .addPackage(RULE_PACKAGE)
                .setDefault(true)
                .newKieSessionModel(SESSION_NAME)
                .setType(KieSessionType.STATELESS)
                .setDefault(true);
        return module;
    }

    static List<Problem> buildProblems(String version, KieBuilder builder, Map<String, byte[]> files) {
        for (Message warning : builder.getResults().getMessages(Message.Level.WARNING)) {
            log.warn("Offer rules version {}: Drools warning in {} at line {}: {}", version, warning.getPath(),
                    warning.getLine(), singleLine(warning.getText()));
        }
        List<Problem> problems = new ArrayList<>();
        Map<String, Optional<DecisionTableRows>> tables = new HashMap<>();
        for (Message error : builder.getResults().getMessages(Message.Level.ERROR)) {
            problems.add(problemOf(error, files, tables));
        }
        return problems;
    }

    private static Problem problemOf(Message error, Map<String, byte[]> files,
                                     Map<String, Optional<DecisionTableRows>> tables) {
        String path = error.getPath();
        String text = singleLine(error.getText());
        if (path == null || !RuleFileNames.isDecisionTable(path)) {
            return new Problem(path, Math.max(error.getLine(), 0), Math.max(error.getColumn(), 0),
                    FindingText.of("drools.error", text));
        }

        // A table error's line points into generated DRL that is never shown to the analyst, so the row of the rule at
        // fault replaces it.
        Optional<DecisionTableRows.TableRow> row = Optional.empty();
        if (error.getLine() > 0 && files.containsKey(path)) {
            row = tables.computeIfAbsent(path, table -> DecisionTableRows.of(table, files.get(table)))
                    .flatMap(rows -> rows.rowAt(error.getLine()));
        }
        return row.map(found -> new Problem(path, found.row(), 0,
                        FindingText.of("drools.rule-error", found.ruleName(), text)))
                .orElseGet(() -> Problem.ofFile(path, FindingText.of("drools.error", text)));
    }

    static Problem problemOf(DecisionTableParseException unreadable, Set<String> paths) {
        // Drools 10.2 starts this message with the table's path in brackets, e.g. "[solomo/offers/x.drl.xlsx] ...".
        String text = singleLine(String.valueOf(unreadable.getMessage()));
        for (String path : paths) {
            String prefix = "[" + path + "]";
            if (text.startsWith(prefix)) {
                String droolsText = text.substring(prefix.length()).trim();
                return Problem.ofFile(path, FindingText.of("drools.table-error", droolsText));
            }
        }
        return Problem.ofRuleSet(FindingText.of("drools.table-error", text));
    }

    private OfferRuleBase load(String version, ReleaseId releaseId, Map<String, byte[]> files) {
        try {
            KieContainer container = kieServices.newKieContainer(releaseId, FACT_CLASS_LOADER);
            KieBase kieBase = container.getKieBase(KIE_BASE_NAME);
            KieSessionConfiguration sessionConfiguration = container.getKieSessionConfiguration(SESSION_NAME);

            List<Problem> problems = new ArrayList<>(filesWithoutRules(kieBase, files.keySet()));
            if (ruleCount(kieBase) == 0) {
                problems.add(Problem.ofRuleSet(FindingText.of("compiler.no-offer-rule", RULE_PACKAGE)));
            }
            if (!problems.isEmpty()) {
                throw new RuleCompilationException(version, problems);
            }
            return new OfferRuleBase(version, kieBase, sessionConfiguration, files);
        } finally {
            // The KIE base keeps what it needs. Without this, the global KIE repository would keep every module built.
            kieServices.getRepository().removeKieModule(releaseId);
        }
    }

    private static List<Problem> filesWithoutRules(KieBase kieBase, Set<String> paths) {
        Set<String> sources = new HashSet<>();
        for (KiePackage kiePackage : offerPackages(kieBase)) {
            for (Rule rule : kiePackage.getRules()) {
                // NOTE: Drools' public Rule interface does not name the source file, so this reads the engine's RuleImpl.
                if (rule instanceof RuleImpl ruleImpl) {
                    Resource resource = ruleImpl.getResource();
                    if (resource != null) {
                        sources.add(resource.getSourcePath());
                    }
                }
            }
        }

        List<Problem> problems = new ArrayList<>();
        for (String path : paths) {
            if (!sources.contains(path)) {
                String code = RuleFileNames.isDecisionTable(path) ? "compiler.table-adds-no-rule"
                        : "compiler.drl-adds-no-rule";
                problems.add(Problem.ofFile(path, FindingText.of(code, RULE_PACKAGE)));
            }
        }
        return problems;
    }

    static int ruleCount(KieBase kieBase) {
        return offerPackages(kieBase).stream().mapToInt(kiePackage -> kiePackage.getRules().size()).sum();
    }

    /**
     * Returns the packages named {@value #RULE_PACKAGE}. The KIE base can hold others, because Drools 10.2 keeps the
     * rules of a table without a RuleSet cell (package rule_table) despite the kmodule's package filter.
     */
    private static List<KiePackage> offerPackages(KieBase kieBase) {
        return kieBase.getKiePackages().stream()
                .filter(kiePackage -> kiePackage.getName().equals(RULE_PACKAGE))
                .toList();
    }

    private static String singleLine(String text) {
        // Drools messages span several lines, with caret lines that point into the expression. One line reads better in
        // logs and API errors.
        return text.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.chars().allMatch(character -> character == '^'))
                .collect(Collectors.joining(" "));
    }

    private static byte[] readResource(String path) {
        try (InputStream in = OfferRuleCompiler.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("bundled rule file " + path + " is missing from the class path of "
                        + "solomo-rules; rebuild the module");
            }
            return in.readAllBytes();
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot read bundled rule file " + path, failure);
        }
    }
}
