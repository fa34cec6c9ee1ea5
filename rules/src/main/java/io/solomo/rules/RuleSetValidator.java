package io.solomo.rules;

import io.solomo.model.offer.OfferCandidate;
import io.solomo.rules.DecisionTableChecks.NamedRule;
import io.solomo.rules.DecisionTableChecks.StoreCell;
import io.solomo.rules.DecisionTableChecks.TableSpan;
import io.solomo.rules.OfferScenarios.Scenario;
import io.solomo.rules.RuleCompilationException.Problem;
import io.solomo.rules.WorkbookReader.FormulaCell;
import io.solomo.rules.WorkbookReader.UnreadableWorkbookException;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates one uploaded version of a rule set the way an analyst needs: reads every workbook with Apache POI for the
 * mistakes Drools accepts silently, compiles the rules, runs the test scenarios, and reports each finding by file,
 * sheet and cell.
 *
 * <p>Files are untrusted: sizes are capped, workbooks are read by {@link WorkbookReader}, and Drools compiles copies in
 * which formulas are replaced by their cached values. Thread-safe.
 */
public final class RuleSetValidator {

    /** The largest file accepted, in bytes. */
    public static final int MAX_FILE_BYTES = 10 * 1024 * 1024;
    /** The most files in one version. */
    public static final int MAX_FILES = 50;

    // The formula cells a warning names; a workbook of computed columns may hold hundreds.
    private static final int MAX_FORMULA_CELLS_SHOWN = 10;
    private static final Logger log = LoggerFactory.getLogger(RuleSetValidator.class);
    private static final Pattern DRL_PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)");
    private static final Pattern DRL_RULE = Pattern.compile("(?m)^\\s*rule\\s+(\"[^\"]+\"|'[^']+'|\\S+)");

    private final OfferRuleCompiler offerCompiler;
    private final RuleSetCompiler genericCompiler;
    private final int maxTableRows;

    /** Creates a validator that accepts tables of any number of rows. */
    public RuleSetValidator(OfferRuleCompiler offerCompiler, RuleSetCompiler genericCompiler) {
        this(offerCompiler, genericCompiler, Integer.MAX_VALUE);
    }

    private RuleSetValidator(OfferRuleCompiler offerCompiler, RuleSetCompiler genericCompiler, int maxTableRows) {
        this.offerCompiler = offerCompiler;
        this.genericCompiler = genericCompiler;
        this.maxTableRows = maxTableRows;
    }

    /**
     * Returns a validator like this one that throws {@link TableTooLargeException} for a decision table file whose
     * RuleTables contain more than {@code maxTableRows} rule rows in all, before checking or compiling anything.
     */
    public RuleSetValidator withMaxTableRows(int maxTableRows) {
        if (maxTableRows < 1) {
            throw new IllegalArgumentException("maxTableRows must be 1 or more, got " + maxTableRows);
        }
        return new RuleSetValidator(offerCompiler, genericCompiler, maxTableRows);
    }

    /**
     * Validates an offers rule set: package {@code solomo.offers}, the model's facts, and its scenarios. The compiled
     * rules also run over sample contacts away from stores and at the stores and chains that the tables name.
     */
    public ValidationReport validateOffers(String version, Map<String, byte[]> files) {
        return validate(version, files, true, OfferCandidate.class.getClassLoader(), null, true);
    }

    /**
     * Validates a stored offers rule set again to load it, as at start or when another node activated it: the checks
     * and scenarios of an upload, but not the run over sample contacts. That run is a gate for uploads. A version it
     * let through must load as it was accepted, even where a later grid of contacts would differ.
     */
    public ValidationReport revalidateStoredOffers(String version, Map<String, byte[]> files) {
        return validate(version, files, true, OfferCandidate.class.getClassLoader(), null, false);
    }

    /**
     * Validates an offers rule set like {@link #validateOffers(String, Map)}, and also runs the rules at one store of
     * each chain among the known stores, and at one store without a chain when there is one. A table cell that names
     * a store id or chain that no known store has gets a warning, because its rule can never match.
     *
     * @param knownStores the stores that decisions can meet, such as those of the server's database
     */
    public ValidationReport validateOffers(String version, Map<String, byte[]> files, List<StorePlace> knownStores) {
        return validate(version, files, true, OfferCandidate.class.getClassLoader(), knownStores, true);
    }

    /**
     * Validates a rule set for any facts and packages. Scenarios are not run, since they describe offer contacts.
     *
     * @param classLoader the loader that sees the fact classes the rules import
     */
    public ValidationReport validateAny(String version, Map<String, byte[]> files, ClassLoader classLoader) {
        return validate(version, files, false, classLoader, null, false);
    }

    /**
     * Returns the DRL of each rule file, as Drools reads it: the text of a DRL file, and the DRL that Drools generates
     * from a decision table (from the formulas' cached values). Scenario files and files Drools would skip are left
     * out; a table that cannot be read gives a one-line comment saying why.
     */
    public Map<String, String> ruleText(Map<String, byte[]> files) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            String path = file.getKey();
            if (OfferScenarios.isScenarioFile(path) || RuleFileNames.problemWith(path).isPresent()) {
                continue;
            }
            if (!RuleFileNames.isDecisionTable(path)) {
                texts.put(path, new String(file.getValue(), StandardCharsets.UTF_8));
                continue;
            }
            try {
                byte[] table = tableForDrools(path, file.getValue());
                InputType type = RuleFileNames.isCsvDecisionTable(path) ? InputType.CSV : InputType.XLS;
                texts.put(path, new SpreadsheetCompiler().compile(new ByteArrayInputStream(table), type));
            } catch (UnreadableWorkbookException | RuntimeException unreadable) {
                texts.put(path, "// cannot generate DRL: " + String.valueOf(unreadable.getMessage()).lines()
                        .findFirst().orElse("") + "\n");
            }
        }
        return texts;
    }

    /**
     * Returns the bytes of a decision table that Drools compiles, as an upload gives them: without a byte order mark,
     * with formulas replaced by their cached values, and with yes-or-no texts such as TRUE or VRAI made booleans.
     */
    private static byte[] tableForDrools(String path, byte[] content) throws UnreadableWorkbookException {
        DecisionTableChecks checks = new DecisionTableChecks(OfferCandidate.class.getClassLoader());
        if (RuleFileNames.isCsvDecisionTable(path)) {
            byte[] table = CsvTableReader.withoutByteOrderMark(content);
            TableGrid grid = CsvTableReader.readDecisionTable(path, table);
            return CsvTableReader.withBooleans(table, checks.check(List.of(grid)).booleanTexts());
        }
        WorkbookReader.Contents workbook = WorkbookReader.read(path, content);
        List<TableGrid> ruleSheets = workbook.sheets().stream()
                .filter(sheet -> !OfferScenarios.isScenarioSheet(sheet)).toList();
        return WorkbookReader.withBooleans(workbook.forDrools(), checks.check(ruleSheets).booleanTexts());
    }

    /**
     * @param knownStores  the stores to check store cells against, or null to leave them unchecked
     * @param sampleRun    whether offer rules also run over sample contacts
     */
    private ValidationReport validate(String version, Map<String, byte[]> files, boolean offers,
                                      ClassLoader classLoader, List<StorePlace> knownStores, boolean sampleRun) {
        Upload upload = new Upload(version, classLoader, offers ? OfferRuleCompiler.RULE_PACKAGE : null);
        upload.read(files);
        if (knownStores != null) {
            upload.checkStoreNames(knownStores);
        }
        if (upload.errors.isEmpty()) {
            upload.compile(offers);
        }
        if (offers && upload.offerRules != null) {
            upload.runScenarios();
            if (sampleRun) {
                upload.runOverSampleContacts(knownStores == null ? List.of() : knownStores);
            }
        }
        ValidationReport report = new ValidationReport(version, upload.errors, upload.warnings, upload.scenarioResults,
                upload.generatedDrl, upload.ruleCount, upload.offerRules, upload.offerIdCells);
        log.info("Validated rule set version {}: {} files, {} rules, {} errors, {} warnings, scenarios {} passed {} "
                        + "failed", version, files.size(), report.ruleCount(), report.errors().size(),
                report.warnings().size(), report.scenariosPassed(), report.scenariosFailed());
        return report;
    }

    /** The state of one validation. */
    private final class Upload {

        private final String version;
        private final ClassLoader classLoader;
        private final DecisionTableChecks checks;
        private final List<Finding> errors = new ArrayList<>();
        private final List<Finding> warnings = new ArrayList<>();
        private final Map<String, byte[]> forDrools = new LinkedHashMap<>();
        private final Map<String, List<TableSpan>> tables = new HashMap<>();
        private final Map<String, String> generatedDrl = new LinkedHashMap<>();
        private final List<NamedRule> namedRules = new ArrayList<>();
        private final Map<String, CellPlace> offerIdCells = new HashMap<>();
        private final List<TableGrid> scenarioGrids = new ArrayList<>();
        private final List<ScenarioResult> scenarioResults = new ArrayList<>();
        private final List<StoreCell> storeCells = new ArrayList<>();
        private final String requiredPackage;
        private OfferRuleBase offerRules;
        private int ruleCount;

        /** @param requiredPackage the package every rule file must declare, or null when any package will do */
        Upload(String version, ClassLoader classLoader, String requiredPackage) {
            this.version = version;
            this.classLoader = classLoader;
            this.checks = new DecisionTableChecks(classLoader);
            this.requiredPackage = requiredPackage;
        }

        void read(Map<String, byte[]> files) {
            if (files.size() > MAX_FILES) {
                errors.add(Finding.error(null, null, null,
                        FindingText.of("upload.too-many-files", files.size(), MAX_FILES)));
                return;
            }
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                String path = file.getKey();
                byte[] content = file.getValue() == null ? new byte[0] : file.getValue();
                if (content.length > MAX_FILE_BYTES) {
                    errors.add(Finding.error(path, null, null,
                            FindingText.of("file.too-large", content.length, MAX_FILE_BYTES)));
                } else if (path != null && OfferScenarios.isScenarioFile(path)) {
                    readScenarioFile(path, content);
                } else {
                    readRuleFile(path, content);
                }
            }
            checkDuplicateNames();
            if (forDrools.isEmpty() && errors.isEmpty()) {
                errors.add(Finding.error(null, null, null, FindingText.of("upload.no-rule-file")));
            }
        }

        private void readScenarioFile(String path, byte[] content) {
            Optional<Finding> problem = CsvTableReader.encodingProblem(path, content)
                    .or(() -> CsvTableReader.semicolonProblem(path, content));
            if (problem.isPresent()) {
                errors.add(problem.get());
                return;
            }
            scenarioGrids.add(CsvTableReader.read(path, content));
        }

        private void readRuleFile(String path, byte[] content) {
            var nameProblem = RuleFileNames.problemWith(path);
            if (nameProblem.isPresent()) {
                errors.add(Finding.error(path, null, null, nameProblem.get()));
                return;
            }
            if (content.length == 0) {
                errors.add(Finding.error(path, null, null, FindingText.of("file.empty")));
                return;
            }
            if (!RuleFileNames.isDecisionTable(path)) {
                forDrools.put(path, content);
                String drl = new String(content, StandardCharsets.UTF_8);
                checkDrlPackage(path, drl);
                readDrlRuleNames(path, drl);
                return;
            }

            List<TableGrid> sheets;
            byte[] tableForDrools;
            List<FormulaCell> formulaCells = List.of();
            if (RuleFileNames.isCsvDecisionTable(path)) {
                Optional<Finding> fileProblem = CsvTableReader.encodingProblem(path, content)
                        .or(() -> CsvTableReader.tableSemicolonProblem(path, content));
                if (fileProblem.isPresent()) {
                    errors.add(fileProblem.get());
                    return;
                }
                tableForDrools = CsvTableReader.withoutByteOrderMark(content);
                sheets = List.of(CsvTableReader.readDecisionTable(path, tableForDrools));
            } else {
                try {
                    WorkbookReader.Contents workbook = WorkbookReader.read(path, content);
                    sheets = workbook.sheets();
                    tableForDrools = workbook.forDrools();
                    formulaCells = workbook.formulaCells();
                } catch (UnreadableWorkbookException unreadable) {
                    errors.add(Finding.error(path, null, null, unreadable.text()));
                    return;
                }
            }
            List<TableGrid> ruleSheets = sheets.stream().filter(sheet -> !OfferScenarios.isScenarioSheet(sheet))
                    .toList();
            int ruleRows = DecisionTableChecks.ruleRowCount(ruleSheets);
            if (ruleRows > maxTableRows) {
                throw new TableTooLargeException(path, ruleRows, maxTableRows);
            }
            Set<String> unsavedFormulas = checkFormulaCells(path, formulaCells);
            sheets.stream().filter(OfferScenarios::isScenarioSheet).forEach(scenarioGrids::add);

            DecisionTableChecks.Result result = checks.check(ruleSheets);
            for (Finding finding : result.findings()) {
                // A formula without a saved value is read as 0 or "", so a finding about that value would mislead.
                if (!unsavedFormulas.contains(finding.sheet() + "!" + finding.cell())) {
                    (finding.severity() == Finding.Severity.ERROR ? errors : warnings).add(finding);
                }
            }
            tableForDrools = RuleFileNames.isCsvDecisionTable(path)
                    ? CsvTableReader.withBooleans(tableForDrools, result.booleanTexts())
                    : WorkbookReader.withBooleans(tableForDrools, result.booleanTexts());
            namedRules.addAll(result.namedRules());
            storeCells.addAll(result.storeCells());
            for (NamedRule rule : result.offerIdCells()) {
                Location place = rule.place();
                offerIdCells.putIfAbsent(rule.name(), new CellPlace(place.file(), place.sheet(), place.cell()));
            }
            tables.put(path, result.tables());
            if (result.tables().isEmpty()) {
                errors.add(Finding.error(path, null, null, FindingText.of("table.no-rule-table")));
                return;
            }
            checkFirstSheetOnly(path, sheets.get(0).sheet(), result.tables());
            checkTablePackage(path, ruleSheets, result.tables().get(0));
            forDrools.put(path, tableForDrools);
            generateDrl(path, tableForDrools);
        }

        /**
         * Rejects each formula cell without a saved value at its cell, and warns once per file of the formula cells
         * read from their saved values, naming them. Returns the rejected cells as {@code Sheet!A1}.
         */
        private Set<String> checkFormulaCells(String path, List<FormulaCell> formulaCells) {
            Set<String> unsaved = new HashSet<>();
            List<FormulaCell> saved = new ArrayList<>();
            for (FormulaCell cell : formulaCells) {
                if (cell.savedValue()) {
                    saved.add(cell);
                } else {
                    unsaved.add(cell.sheet() + "!" + cell.reference());
                    errors.add(Finding.error(path, cell.sheet(), cell.reference(),
                            FindingText.of("workbook.formula-without-value", cell.formula())));
                }
            }
            if (saved.isEmpty()) {
                return unsaved;
            }
            List<String> listedCells = saved.stream().limit(MAX_FORMULA_CELLS_SHOWN)
                    .map(cell -> cell.sheet() + "!" + cell.reference()).toList();
            String cells = String.join(", ", listedCells) + (saved.size() > listedCells.size() ? ", ..." : "");
            FindingText text = saved.size() == 1 ? FindingText.of("workbook.formula-cell", cells)
                    : FindingText.of("workbook.formula-cells", saved.size(), cells);
            warnings.add(Finding.warning(path, saved.get(0).sheet(), saved.get(0).reference(), text));
            return unsaved;
        }

        /**
         * Rejects a table whose RuleSet cell names another package than the required one, at that cell, because
         * Drools would put its rules in that package and the rule set would never run them.
         */
        private void checkTablePackage(String path, List<TableGrid> sheets, TableSpan firstTable) {
            if (requiredPackage == null) {
                return;
            }
            for (TableGrid grid : sheets) {
                for (int row = 0; row <= grid.lastRow(); row++) {
                    for (TableGrid.GridCell cell : grid.row(row).values()) {
                        if (!cell.text().strip().equalsIgnoreCase("RuleSet")) {
                            continue;
                        }
                        int valueColumn = grid.valueColumnRightOf(row, cell.column());
                        String value = grid.text(row, valueColumn).strip();
                        if (!value.equals(requiredPackage)) {
                            FindingText text = value.isEmpty()
                                    ? FindingText.of("table.package-empty", requiredPackage)
                                    : FindingText.of("table.package-other", value, requiredPackage);
                            errors.add(Finding.error(path, grid.sheet(), TableGrid.reference(row, valueColumn), text));
                        }
                        return;
                    }
                }
            }
            errors.add(Finding.error(path, firstTable.sheet(),
                    TableGrid.reference(firstTable.titleRow(), firstTable.firstColumn()),
                    FindingText.of("table.no-ruleset-cell", requiredPackage)));
        }

        /** Rejects a DRL file whose package line names another package than the required one, at that line. */
        private void checkDrlPackage(String path, String drl) {
            if (requiredPackage == null) {
                return;
            }
            Matcher packageLine = DRL_PACKAGE.matcher(drl);
            if (!packageLine.find()) {
                errors.add(Finding.error(path, null, "line 1", FindingText.of("drl.no-package", requiredPackage)));
            } else if (!packageLine.group(1).equals(requiredPackage)) {
                int line = (int) drl.substring(0, packageLine.start(1)).lines().count();
                errors.add(Finding.error(path, null, "line " + line,
                        FindingText.of("drl.package-other", packageLine.group(1), requiredPackage)));
            }
        }

        // Drools 10.2 compiles a workbook with one sheet listener, and its ExcelParser then reads the first worksheet
        // only: a RuleTable on any later sheet adds no rule and no message.
        private void checkFirstSheetOnly(String path, String firstSheet, List<TableSpan> spans) {
            if (firstSheet == null) {
                return;
            }
            for (TableSpan span : spans) {
                if (!firstSheet.equals(span.sheet())) {
                    String cell = TableGrid.reference(span.titleRow(), span.firstColumn());
                    errors.add(Finding.error(path, span.sheet(), cell,
                            FindingText.of("table.not-first-sheet", firstSheet)));
                }
            }
        }

        private void generateDrl(String path, byte[] table) {
            InputType type = RuleFileNames.isCsvDecisionTable(path) ? InputType.CSV : InputType.XLS;
            try {
                generatedDrl.put(path, new SpreadsheetCompiler().compile(new ByteArrayInputStream(table), type));
            } catch (RuntimeException unreadable) {
                errors.add(Finding.error(path, null, null, FindingText.of("drools.table-unreadable",
                        String.valueOf(unreadable.getMessage()).lines().findFirst().orElse(""))));
            }
        }

        private void readDrlRuleNames(String path, String drl) {
            Matcher packageLine = DRL_PACKAGE.matcher(drl);
            String rulePackage = packageLine.find() ? packageLine.group(1) : "defaultpkg";
            Matcher rule = DRL_RULE.matcher(drl);
            while (rule.find()) {
                String name = rule.group(1).replaceAll("^[\"']|[\"']$", "");
                int line = (int) drl.substring(0, rule.start(1)).lines().count();
                namedRules.add(new NamedRule(rulePackage, name, new Location(path, null, "line " + line)));
            }
        }

        private void checkDuplicateNames() {
            Map<String, Location> first = new HashMap<>();
            for (NamedRule rule : namedRules) {
                String key = rule.rulePackage() + "\u0000" + rule.name();
                Location earlier = first.putIfAbsent(key, rule.place());
                if (earlier != null) {
                    errors.add(rule.place().error(FindingText.of("rule.duplicate-name", rule.name(),
                            earlier.text())));
                }
            }
        }

        void compile(boolean offers) {
            try {
                if (offers) {
                    offerRules = offerCompiler.compile(version, forDrools);
                    ruleCount = offerRules.ruleCount();
                } else {
                    ruleCount = genericCompiler.compile(version, forDrools, classLoader).ruleNames().size();
                }
            } catch (RuleCompilationException invalid) {
                invalid.problems().forEach(problem -> errors.add(findingOf(problem)));
            }
        }

        private Finding findingOf(Problem problem) {
            String path = problem.file();
            if (path != null && RuleFileNames.isDecisionTable(path) && problem.line() > 0) {
                int row = problem.line() - 1;
                for (TableSpan span : tables.getOrDefault(path, List.of())) {
                    if (row >= span.firstDataRow() && row <= span.lastDataRow()) {
                        return Finding.error(path, span.sheet(), TableGrid.reference(row, span.firstColumn()),
                                problem.text());
                    }
                }
                return Finding.error(path, null, "row " + problem.line(), problem.text());
            }
            if (path != null && problem.line() > 0) {
                String cell = problem.column() > 0 ? "line " + problem.line() + ", column " + problem.column()
                        : "line " + problem.line();
                return Finding.error(path, null, cell, problem.text());
            }
            return Finding.error(path, null, null, problem.text());
        }

        void runScenarios() {
            List<Scenario> scenarios = new ArrayList<>();
            for (TableGrid grid : scenarioGrids) {
                scenarios.addAll(OfferScenarios.read(grid, errors));
            }
            for (Scenario scenario : scenarios) {
                ScenarioResult result = OfferScenarios.run(scenario, offerRules);
                scenarioResults.add(result);
                if (!result.passed()) {
                    FindingText reason = result.failure() != null ? result.failure()
                            : FindingText.of("scenario.other-offers", describe(result.expected()),
                            describe(result.actual()), result.firedRules());
                    errors.add(Finding.error(result.file(), result.sheet(), result.cell(),
                            FindingText.of("scenario.failed", result.name(), reason)));
                }
            }
        }

        /** Warns of each store id and chain in a table that no known store has, suggesting a near known name. */
        void checkStoreNames(List<StorePlace> knownStores) {
            Set<String> ids = new LinkedHashSet<>();
            Set<String> chains = new LinkedHashSet<>();
            for (StorePlace store : knownStores) {
                ids.add(store.storeId());
                if (store.chain() != null) {
                    chains.add(store.chain());
                }
            }
            for (StoreCell cell : storeCells) {
                Set<String> known = cell.chain() ? chains : ids;
                if (known.contains(cell.value())) {
                    continue;
                }
                String kind = cell.chain() ? "table.unknown-store-chain" : "table.unknown-store-id";
                Optional<String> nearest = StoreNames.nearest(cell.value(), known);
                FindingText text = nearest.isPresent()
                        ? FindingText.of(kind + "-near", cell.value(), nearest.get())
                        : FindingText.of(kind, cell.value());
                Location place = cell.place();
                warnings.add(Finding.warning(place.file(), place.sheet(), place.cell(), text));
            }
        }

        /**
         * Runs the compiled rules over sample contacts and records an error for each rule that throws, so that a
         * version whose rules would fail decisions cannot be activated.
         */
        void runOverSampleContacts(List<StorePlace> knownStores) {
            long started = System.nanoTime();
            Map<String, Location> ruleLocations = new HashMap<>();
            for (NamedRule rule : namedRules) {
                ruleLocations.putIfAbsent(rule.name(), rule.place());
            }
            List<Finding> failures = RuleSmokeRun.run(offerRules, samplePlaces(knownStores), ruleLocations);
            errors.addAll(failures);
            log.debug("Ran rule set version {} over sample contacts in {} ms: {} failing rules", version,
                    (System.nanoTime() - started) / 1_000_000, failures.size());
        }

        /**
         * Returns one known store per chain, one known store without a chain, then each store id and chain that a
         * table names, at a sample store for a chain that no known store belongs to.
         */
        private List<StorePlace> samplePlaces(List<StorePlace> knownStores) {
            Map<String, StorePlace> byChain = new LinkedHashMap<>();
            Map<String, StorePlace> byId = new HashMap<>();
            for (StorePlace store : knownStores) {
                byChain.putIfAbsent(String.valueOf(store.chain()), store);
                byId.putIfAbsent(store.storeId(), store);
            }
            List<StorePlace> places = new ArrayList<>(byChain.values());
            for (StoreCell cell : storeCells) {
                if (!cell.chain()) {
                    places.add(byId.getOrDefault(cell.value(), new StorePlace(cell.value(), null)));
                } else if (!byChain.containsKey(cell.value())) {
                    StorePlace sample = RuleSmokeRun.sampleStoreOf(cell.value());
                    byChain.put(cell.value(), sample);
                    places.add(sample);
                }
            }
            return places;
        }

        private static Object describe(List<String> offers) {
            return offers.isEmpty() ? FindingText.of("scenario.no-offer") : offers.toString();
        }
    }
}
