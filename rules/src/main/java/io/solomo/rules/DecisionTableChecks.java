package io.solomo.rules;

import io.solomo.model.offer.ContactContext;
import io.solomo.model.offer.OfferCandidate;
import io.solomo.rules.TableGrid.GridCell;
import io.solomo.rules.TableGrid.Kind;
import io.solomo.rules.TableGrid.Merge;

import java.beans.Introspector;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the decision tables of one file for the mistakes that Drools accepts silently or reports only as a line of
 * generated DRL: dates and rounding noise in numeric cells, typographic quotes, merged cells without their covered
 * cells (and the {@code ...} marks that stand for them in CSV), values of the wrong type for their field, decimal
 * commas, and rule rows cut off by a blank row.
 */
final class DecisionTableChecks {

    private static final Pattern RULE_TABLE = Pattern.compile("(?i)^ruletable\\b.*");
    private static final Set<String> KEYWORDS = Set.of("ruleset", "import", "variables", "functions", "queries",
            "declare", "unit", "sequential", "sequentialmaxpriority", "sequentialminpriority", "escapequotes",
            "numericdisabled");
    private static final Pattern FORALL = Pattern.compile("(?s)^\\s*forall\\((.*?)\\)\\s*\\{(.*)}\\s*$");
    private static final Pattern PATTERN_TYPE = Pattern.compile("^\\s*(?:\\$\\w+\\s*:\\s*)?([\\w.]+)");
    private static final Pattern FIELD_BEFORE = Pattern.compile("(\\w+)\\s*(?:==|!=|>=|<=|>|<)\\s*$");
    // A field compared right before a placeholder, not reached through another one (a.b) or quoted.
    private static final Pattern PLAIN_FIELD_BEFORE =
            Pattern.compile("(?<![\\w.$\"'])([a-z]\\w*)\\s*(?:==|!=|>=|<=|>|<)\\s*[\"']?$");
    // A name bound in the code, such as c in "c : storeChain, c == ...", which is no field of the fact.
    private static final Pattern BINDING = Pattern.compile("(?<![\\w$.])([A-Za-z_]\\w*)\\s*:(?!:)");
    private static final Set<String> NOT_FIELDS = Set.of("null", "true", "false", "this", "super");
    // $param, $1, $2 or the bare $ of a forall(...){...} snippet, but not a variable such as $context.
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$(?:param|\\d+)?(?!\\w)");
    private static final Pattern STORE_CHAIN_FIELD = Pattern.compile("(?<![\\w.$])storeChain\\b");
    private static final Pattern STORE_ID_FIELD = Pattern.compile("(?<![\\w.$])storeId\\b");
    private static final Pattern ENUM_BEFORE = Pattern.compile("([A-Z]\\w*)\\.$");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("^-?\\d+,\\d+$");
    private static final Pattern NUMBER = Pattern.compile("^-?\\d+(\\.\\d+)?$");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("^-?\\d+$");
    private static final String TYPOGRAPHIC_QUOTES = "\u201C\u201D\u201E\u201F\u2018\u2019\u00AB\u00BB";
    private static final MathContext DISPLAY_PRECISION = new MathContext(12);
    // The texts that a yes-or-no cell may hold, lowercase: English, and French as LibreOffice and Excel write it.
    private static final Map<String, Boolean> BOOLEAN_SPELLINGS = Map.of("true", true, "false", false, "vrai", true,
            "faux", false);

    private final ClassLoader factClassLoader;

    DecisionTableChecks(ClassLoader factClassLoader) {
        this.factClassLoader = factClassLoader;
    }

    /** A rule name given in a NAME column, with its cell, for the check of duplicates across files. */
    record NamedRule(String rulePackage, String name, Location place) {
    }

    /**
     * The result of the checks of one file: the findings, the rule names, the text cells of yes-or-no columns that
     * Drools must be given as booleans, and the cell that gives the offer id of each named offer rule.
     */
    record Result(List<Finding> findings, List<NamedRule> namedRules, List<TableSpan> tables,
                  List<BooleanText> booleanTexts, List<NamedRule> offerIdCells, List<StoreCell> storeCells) {
    }

    /**
     * One store id or store chain that a rule row compares the contact with, in a column whose code tests
     * {@code storeId} or {@code storeChain} of a {@code ContactContext}. A cell that lists several values gives one
     * StoreCell per value.
     *
     * @param chain true for a store chain, false for a store id
     */
    record StoreCell(Location place, boolean chain, String value) {
    }

    /**
     * A text cell of a yes-or-no column, such as TRUE or VRAI, that the rules read as {@code value}. Drools would paste
     * the text into the code as written, and {@code atStore == TRUE} does not compile. Rows and columns are 0-based,
     * and the sheet is null in a CSV table.
     */
    record BooleanText(String sheet, int row, int column, boolean value) {
    }

    /** The position of one RuleTable, to place a Drools error reported by row. Rows are 0-based. */
    record TableSpan(String sheet, int titleRow, int firstColumn, int firstDataRow, int lastDataRow) {
    }

    Result check(List<TableGrid> sheets) {
        List<Finding> findings = new ArrayList<>();
        List<NamedRule> names = new ArrayList<>();
        List<String> imports = imports(sheets);
        String rulePackage = keywordValue(sheets, "ruleset").orElse("rule_table");
        List<TableSpan> tables = new ArrayList<>();
        List<BooleanText> booleanTexts = new ArrayList<>();
        List<NamedRule> offerIdCells = new ArrayList<>();
        List<StoreCell> storeCells = new ArrayList<>();
        for (TableGrid grid : sheets) {
            for (int row = 0; row <= grid.lastRow(); row++) {
                for (GridCell cell : grid.row(row).values()) {
                    if (RULE_TABLE.matcher(cell.text().strip()).matches()) {
                        Table table = Table.at(grid, row, cell.column());
                        tables.add(new TableSpan(grid.sheet(), table.titleRow(), table.firstColumn(),
                                table.firstDataRow(), table.lastDataRow()));
                        new TableCheck(grid, table, imports, findings, booleanTexts).run();
                        names.addAll(namedRules(grid, table, rulePackage));
                        offerIdCells.addAll(offerIdCells(grid, table, rulePackage, imports));
                        storeCells.addAll(storeCells(grid, table, imports));
                    }
                }
            }
            checkKeywordCells(grid, findings);
        }
        return new Result(findings, names, tables, booleanTexts, offerIdCells, storeCells);
    }

    /** Returns the number of rule rows of every RuleTable in the sheets, without checking them. */
    static int ruleRowCount(List<TableGrid> sheets) {
        int rows = 0;
        for (TableGrid grid : sheets) {
            for (int row = 0; row <= grid.lastRow(); row++) {
                for (GridCell cell : grid.row(row).values()) {
                    if (RULE_TABLE.matcher(cell.text().strip()).matches()) {
                        Table table = Table.at(grid, row, cell.column());
                        rows += Math.max(0, table.lastDataRow() - table.firstDataRow() + 1);
                    }
                }
            }
        }
        return rows;
    }

    /** Where one RuleTable sits; rows and columns are 0-based and inclusive. */
    record Table(int titleRow, int firstColumn, int lastColumn, int firstDataRow, int lastDataRow,
                 List<String> columnTypes) {

        static Table at(TableGrid grid, int titleRow, int firstColumn) {
            int headerRow = titleRow + 1;
            List<String> types = new ArrayList<>();
            int column = firstColumn;
            while (!grid.text(headerRow, column).isEmpty()) {
                types.add(grid.text(headerRow, column).toUpperCase(Locale.ROOT));
                column++;
            }
            int lastColumn = Math.max(firstColumn, column - 1);
            int firstDataRow = titleRow + 5;
            int row = firstDataRow;
            while (row <= grid.lastRow() && !grid.isBlankBetween(row, firstColumn, lastColumn)) {
                row++;
            }
            return new Table(titleRow, firstColumn, lastColumn, firstDataRow, row - 1, types);
        }

        String typeOf(int column) {
            int index = column - firstColumn;
            return index < columnTypes.size() ? columnTypes.get(index) : "";
        }

        boolean isCondition(int column) {
            String type = typeOf(column);
            return type.equals("CONDITION") || type.equals("C");
        }

        boolean isAction(int column) {
            String type = typeOf(column);
            return type.equals("ACTION") || type.equals("A");
        }

        boolean isName(int column) {
            String type = typeOf(column);
            return type.equals("NAME") || type.equals("N");
        }
    }

    private final class TableCheck {

        private final TableGrid grid;
        private final Table table;
        private final List<String> imports;
        private final List<Finding> findings;
        private final List<BooleanText> booleanTexts;

        TableCheck(TableGrid grid, Table table, List<String> imports, List<Finding> findings,
                   List<BooleanText> booleanTexts) {
            this.grid = grid;
            this.table = table;
            this.imports = imports;
            this.findings = findings;
            this.booleanTexts = booleanTexts;
        }

        void run() {
            if (table.lastDataRow() < table.firstDataRow()) {
                findings.add(grid.error(table.titleRow(), table.firstColumn(), FindingText.of("table.no-rule-rows")));
            }
            Set<Integer> brokenColumns = checkCodeRows();
            OfferActionColumns offerActions = isOfferCandidateImported()
                    ? OfferActionColumns.of(grid, table) : null;
            for (int column = table.firstColumn(); column <= table.lastColumn(); column++) {
                if (brokenColumns.contains(column)) {
                    // The code cell is reported already, and its values cannot be read against broken code.
                    continue;
                }
                ColumnShape shape = shapeOf(column);
                Optional<FindingText> unknownField = shape.unknownField();
                if (unknownField.isPresent()) {
                    // Drools generates no code for a column that no rule row fills, so the table still compiles.
                    findings.add(isFilled(column) ? grid.error(table.titleRow() + 3, column, unknownField.get())
                            : grid.warning(table.titleRow() + 3, column,
                            FindingText.of("table.unknown-field-unused", unknownField.get())));
                }
                for (int row = table.firstDataRow(); row <= table.lastDataRow(); row++) {
                    GridCell cell = grid.cell(row, column);
                    if (cell != null && !cell.text().isBlank()) {
                        checkValue(cell, shape, offerActions);
                    }
                }
            }
            if (offerActions != null) {
                offerActions.checkBlanks(findings);
            }
            checkNameOnlyRows();
            checkMerges();
            if (grid.isCsv()) {
                CsvMergeChecks.check(grid, table, findings);
            }
            checkRowsAfterEnd();
        }

        /** Reports typographic quotes and unbalanced code in the two code rows, and returns the unbalanced columns. */
        private Set<Integer> checkCodeRows() {
            Set<Integer> brokenColumns = new HashSet<>();
            for (int row = table.titleRow() + 2; row <= table.titleRow() + 3; row++) {
                for (int column = table.firstColumn(); column <= table.lastColumn(); column++) {
                    String text = grid.text(row, column);
                    int quote = firstTypographicQuote(text);
                    if (quote >= 0) {
                        findings.add(grid.error(row, column,
                                FindingText.of("code.typographic-quote", text.charAt(quote))));
                    } else if (table.isCondition(column) || table.isAction(column)) {
                        Optional<FindingText> problem = unbalanced(text);
                        if (problem.isPresent()) {
                            findings.add(grid.error(row, column, problem.get()));
                            brokenColumns.add(column);
                        }
                    }
                }
            }
            return brokenColumns;
        }

        private boolean isFilled(int column) {
            for (int row = table.firstDataRow(); row <= table.lastDataRow(); row++) {
                if (!grid.text(row, column).isBlank()) {
                    return true;
                }
            }
            return false;
        }

        private boolean isOfferCandidateImported() {
            return resolve("OfferCandidate", imports).map(Class::getName)
                    .filter(OfferCandidate.class.getName()::equals).isPresent();
        }

        private void checkValue(GridCell cell, ColumnShape shape, OfferActionColumns offerActions) {
            String text = cell.text().strip();
            int row = cell.row();
            int column = cell.column();
            if (cell.kind() == Kind.DATE) {
                // A spreadsheet can turn a value such as 7/11, typed in a column of hours or names, into a date,
                // and advice on typing dates would mislead there.
                String code = shape.mentionsDate() ? "table.date-cell" : "table.date-cell-outside-date-column";
                findings.add(grid.error(row, column, FindingText.of(code, cell.displayed())));
                return;
            }
            if (cell.kind() == Kind.NUMBER && hasRoundingNoise(cell.number())) {
                findings.add(grid.error(row, column,
                        FindingText.of("table.rounding-noise", shown(cell.number()), cell.text())));
                return;
            }
            if (cell.kind() == Kind.NUMBER && shape.mentionsDate() && looksLikeDateSerial(cell.number())) {
                findings.add(grid.warning(row, column, FindingText.of("table.date-serial", cell.text())));
            }
            // Only a value pasted into code is checked: a NAME, DESCRIPTION or note cell may quote with « » “ ” ’,
            // since Drools copies it into a rule name or string literal where these characters are legal.
            if (shape.hasCode() && startsOrEndsWithTypographicQuote(text)) {
                findings.add(grid.error(row, column, FindingText.of("table.typographic-quotes-value", text)));
                return;
            }
            if (shape.singleUnquotedValue() && DECIMAL_COMMA.matcher(text).matches()) {
                findings.add(grid.error(row, column,
                        FindingText.of("table.decimal-comma", text, text.replace(',', '.'))));
                return;
            }
            Optional<Boolean> yesOrNo = shape.booleanValue(text);
            if (yesOrNo.isPresent()) {
                if (!text.equals(String.valueOf(yesOrNo.get()))) {
                    booleanTexts.add(new BooleanText(grid.sheet(), row, column, yesOrNo.get()));
                }
                return;
            }
            Optional<FindingText> problem = shape.problemWith(text);
            if (problem.isEmpty() && offerActions != null) {
                problem = offerActions.problemWith(cell);
            }
            problem.ifPresent(found -> findings.add(grid.error(row, column, found)));
        }

        /**
         * Warns of each rule row that has a rule name and nothing else, which Drools makes an empty rule. Also warns of
         * each row with conditions or actions but a blank NAME cell, which Drools names after the table and the row.
         */
        private void checkNameOnlyRows() {
            for (int row = table.firstDataRow(); row <= table.lastDataRow(); row++) {
                int nameColumn = -1;
                int blankNameColumn = -1;
                boolean hasCode = false;
                for (int column = table.firstColumn(); column <= table.lastColumn(); column++) {
                    boolean filled = !grid.text(row, column).isEmpty();
                    if (table.isName(column) && filled) {
                        nameColumn = column;
                    } else if (table.isName(column)) {
                        blankNameColumn = column;
                    }
                    hasCode |= filled && (table.isCondition(column) || table.isAction(column));
                }
                if (nameColumn >= 0 && !hasCode) {
                    findings.add(grid.warning(row, nameColumn, FindingText.of("table.rule-name-only")));
                }
                if (nameColumn < 0 && blankNameColumn >= 0 && hasCode) {
                    findings.add(grid.warning(row, blankNameColumn,
                            FindingText.of("table.rule-name-missing", generatedRuleName(row))));
                }
            }
        }

        /** Returns the name Drools 10.2 gives a rule row without a name: the table's name, "_" and the 1-based row. */
        private String generatedRuleName(int row) {
            String title = grid.text(table.titleRow(), table.firstColumn()).strip();
            String tableName = title.substring(Math.min(title.length(), "RuleTable".length())).strip();
            return tableName + "_" + (row + 1);
        }

        private void checkMerges() {
            for (Merge merge : grid.merges()) {
                boolean inTable = merge.lastRow() >= table.titleRow() && merge.firstRow() <= table.lastDataRow()
                        && merge.lastColumn() >= table.firstColumn() && merge.firstColumn() <= table.lastColumn();
                if (inTable && !merge.missingCells().isEmpty()) {
                    int[] first = merge.missingCells().get(0);
                    findings.add(grid.error(first[0], first[1],
                            FindingText.of("table.merge-cells-missing", merge.range(), merge.missingCells().size())));
                }
            }
        }

        private void checkRowsAfterEnd() {
            int blankRow = table.lastDataRow() + 1;
            for (int row = blankRow + 1; row <= grid.lastRow(); row++) {
                if (startsBlock(grid, row)) {
                    return;
                }
                if (!grid.isBlankBetween(row, table.firstColumn(), table.lastColumn())) {
                    boolean looksLikeRule = false;
                    for (int column = table.firstColumn(); column <= table.lastColumn(); column++) {
                        if (table.isAction(column) && !grid.text(row, column).isEmpty()) {
                            looksLikeRule = true;
                        }
                    }
                    FindingText text = FindingText.of("table.rows-after-blank", blankRow + 1);
                    findings.add(looksLikeRule ? grid.error(row, table.firstColumn(), text)
                            : grid.warning(row, table.firstColumn(), text));
                    return;
                }
            }
        }

        private ColumnShape shapeOf(int column) {
            String snippet = grid.text(table.titleRow() + 3, column);
            String label = grid.text(table.titleRow() + 4, column);
            // DATE-EFFECTIVE and DATE-EXPIRES columns hold dates whatever their code and title contain.
            boolean mentionsDate = table.typeOf(column).startsWith("DATE")
                    || (snippet + " " + label).toLowerCase(Locale.ROOT).contains("date");
            Class<?> factType = table.isCondition(column) ? patternType(column).orElse(null) : null;
            return new ColumnShape(snippet, factType, imports, mentionsDate,
                    table.isCondition(column) || table.isAction(column));
        }

        private Optional<Class<?>> patternType(int column) {
            int patternRow = table.titleRow() + 2;
            // Drools takes the pattern of a merged range from its first cell and ignores the text of the others.
            String pattern = grid.text(patternRow, column);
            for (Merge merge : grid.merges()) {
                if (merge.firstRow() == patternRow && merge.firstColumn() < column && merge.lastColumn() >= column) {
                    pattern = grid.text(patternRow, merge.firstColumn());
                }
            }
            Matcher matcher = PATTERN_TYPE.matcher(pattern);
            return matcher.find() ? resolve(matcher.group(1), imports) : Optional.empty();
        }
    }

    /**
     * How the values of one column enter the code snippet in its header, and the type of the field they are compared
     * with when it can be found.
     */
    private final class ColumnShape {

        private final String snippet;
        private final Class<?> factType;
        private final List<String> imports;
        private final boolean mentionsDate;
        private final boolean hasCode;

        ColumnShape(String snippet, Class<?> factType, List<String> imports, boolean mentionsDate, boolean hasCode) {
            this.snippet = snippet;
            this.factType = factType;
            this.imports = imports;
            this.mentionsDate = mentionsDate;
            this.hasCode = hasCode;
        }

        boolean mentionsDate() {
            return mentionsDate;
        }

        /** True for a CONDITION or ACTION column, whose values Drools pastes into code. */
        boolean hasCode() {
            return hasCode;
        }

        /** True when the whole cell replaces one {@code $param} outside quotes, so a comma splits the value. */
        boolean singleUnquotedValue() {
            if (!hasCode || FORALL.matcher(snippet).matches() || snippet.contains("$1")) {
                return false;
            }
            int at = snippet.indexOf("$param");
            if (at < 0) {
                at = snippet.indexOf('$');
            }
            return at > 0 && snippet.charAt(at - 1) != '"' && !ENUM_BEFORE.matcher(snippet.substring(0, at)).find();
        }

        /**
         * Returns the boolean that a cell means when the code compares a yes-or-no field with the whole cell, such as
         * {@code atStore == $param}, and the cell reads TRUE or FALSE, or VRAI or FAUX as a French spreadsheet writes
         * them, in any case.
         */
        Optional<Boolean> booleanValue(String value) {
            if (factType == null || !singleUnquotedValue()) {
                return Optional.empty();
            }
            Boolean meaning = BOOLEAN_SPELLINGS.get(value.toLowerCase(Locale.ROOT));
            int at = snippet.contains("$param") ? snippet.indexOf("$param") : snippet.indexOf('$');
            Matcher field = FIELD_BEFORE.matcher(snippet.substring(0, at));
            if (meaning == null || !field.find()) {
                return Optional.empty();
            }
            return fieldType(field.group(1)).filter(type -> type == boolean.class || type == Boolean.class)
                    .map(type -> meaning);
        }

        Optional<FindingText> problemWith(String value) {
            if (factType == null || snippet.isEmpty()) {
                return Optional.empty();
            }
            Matcher forall = FORALL.matcher(snippet);
            if (forall.matches()) {
                for (String part : value.split(",")) {
                    Optional<FindingText> problem = problemWith(forall.group(2), "$", part.strip());
                    if (problem.isPresent()) {
                        return problem;
                    }
                }
                return Optional.empty();
            }
            if (snippet.contains("$1")) {
                String[] parts = value.split(",");
                for (int index = 0; index < parts.length; index++) {
                    Optional<FindingText> problem = problemWith(snippet, "$" + (index + 1), parts[index].strip());
                    if (problem.isPresent()) {
                        return problem;
                    }
                }
                return RangeCondition.of(snippet, factType).flatMap(range -> range.problemWith(value));
            }
            return problemWith(snippet, snippet.contains("$param") ? "$param" : "$", value);
        }

        /**
         * Returns why the code of a condition compares a field that its fact type lacks, such as a misspelt
         * {@code storeChaine == "$param"}; Drools would report that at every rule row instead of at the code.
         */
        Optional<FindingText> unknownField() {
            if (factType == null) {
                return Optional.empty();
            }
            Set<String> bound = new HashSet<>(NOT_FIELDS);
            Matcher binding = BINDING.matcher(snippet);
            while (binding.find()) {
                bound.add(binding.group(1));
            }
            Matcher placeholder = PLACEHOLDER.matcher(snippet);
            while (placeholder.find()) {
                Matcher field = PLAIN_FIELD_BEFORE.matcher(snippet.substring(0, placeholder.start()));
                if (field.find() && !bound.contains(field.group(1)) && fieldType(field.group(1)).isEmpty()
                        && !hasMember(field.group(1))) {
                    return Optional.of(FindingText.of("table.unknown-field", field.group(1),
                            factType.getSimpleName(), String.join(", ", propertyNames())));
                }
            }
            return Optional.empty();
        }

        /** Returns true for a public field or a record component of this name. */
        private boolean hasMember(String name) {
            return Arrays.stream(factType.getFields()).anyMatch(field -> field.getName().equals(name))
                    || factType.isRecord() && Arrays.stream(factType.getRecordComponents())
                    .anyMatch(component -> component.getName().equals(name));
        }

        private List<String> propertyNames() {
            if (factType.isRecord()) {
                return Arrays.stream(factType.getRecordComponents()).map(RecordComponent::getName).sorted().toList();
            }
            return Arrays.stream(factType.getMethods())
                    .filter(method -> method.getParameterCount() == 0 && method.getDeclaringClass() != Object.class)
                    .map(method -> method.getName().matches("get[A-Z].*") ? method.getName().substring(3)
                            : method.getName().matches("is[A-Z].*") ? method.getName().substring(2) : null)
                    .filter(Objects::nonNull)
                    .map(name -> Character.toLowerCase(name.charAt(0)) + name.substring(1))
                    .distinct()
                    .sorted()
                    .toList();
        }

        private Optional<FindingText> problemWith(String template, String placeholder, String value) {
            int at = template.indexOf(placeholder);
            if (at < 0 || (at > 0 && template.charAt(at - 1) == '"')) {
                return Optional.empty();
            }
            String before = template.substring(0, at);
            Matcher enumPrefix = ENUM_BEFORE.matcher(before);
            if (enumPrefix.find()) {
                return resolve(enumPrefix.group(1), imports)
                        .filter(Class::isEnum)
                        .flatMap(type -> enumProblem(type, value));
            }
            Matcher field = FIELD_BEFORE.matcher(before);
            if (!field.find()) {
                return Optional.empty();
            }
            return fieldType(field.group(1)).flatMap(type -> valueProblem(field.group(1), type, value));
        }

        private Optional<Class<?>> fieldType(String field) {
            String capitalised = Character.toUpperCase(field.charAt(0)) + field.substring(1);
            for (String getter : List.of("get" + capitalised, "is" + capitalised)) {
                try {
                    return Optional.of(factType.getMethod(getter).getReturnType());
                } catch (NoSuchMethodException absent) {
                    // try the next accessor name
                }
            }
            return Optional.empty();
        }

        private Optional<FindingText> valueProblem(String field, Class<?> type, String value) {
            String owner = factType.getSimpleName();
            if (type == int.class || type == long.class || type == short.class || type == Integer.class
                    || type == Long.class || type == Short.class) {
                return WHOLE_NUMBER.matcher(value).matches() ? Optional.empty()
                        : Optional.of(FindingText.of("value.not-whole-number", value, field, owner));
            }
            if (type == double.class || type == float.class || type == Double.class || type == Float.class
                    || type == BigDecimal.class) {
                return NUMBER.matcher(value).matches() ? Optional.empty()
                        : Optional.of(FindingText.of("value.not-number", value, field, owner));
            }
            if (type == boolean.class || type == Boolean.class) {
                if (value.equals("true") || value.equals("false")) {
                    return Optional.empty();
                }
                // Only a cell that is one whole value is rewritten for Drools, in booleanValue.
                return Optional.of(BOOLEAN_SPELLINGS.containsKey(value.toLowerCase(Locale.ROOT))
                        ? FindingText.of("value.boolean-case", value, BOOLEAN_SPELLINGS.get(
                                value.toLowerCase(Locale.ROOT)))
                        : FindingText.of("value.not-boolean", value, field, owner));
            }
            if (type.isEnum()) {
                return enumProblem(type, value);
            }
            return Optional.empty();
        }

        private Optional<FindingText> enumProblem(Class<?> type, String value) {
            Object[] constants = type.getEnumConstants();
            for (Object constant : constants) {
                if (((Enum<?>) constant).name().equals(value)) {
                    return Optional.empty();
                }
            }
            String expected = String.join(", ", Arrays.stream(constants).map(String::valueOf).toList());
            return Optional.of(FindingText.of("value.not-constant", value,
                    Introspector.decapitalize(type.getSimpleName()), expected));
        }
    }

    private Optional<Class<?>> resolve(String typeName, List<String> imports) {
        List<String> candidates = new ArrayList<>();
        if (typeName.contains(".")) {
            candidates.add(typeName);
        }
        for (String imported : imports) {
            if (imported.endsWith("." + typeName)) {
                candidates.add(imported);
            } else if (imported.endsWith(".*")) {
                candidates.add(imported.substring(0, imported.length() - 1) + typeName);
            }
        }
        candidates.add("java.lang." + typeName);
        for (String candidate : candidates) {
            try {
                return Optional.of(Class.forName(candidate, false, factClassLoader));
            } catch (ClassNotFoundException | LinkageError absent) {
                // try the next candidate; a table whose fact classes are unknown here is not type-checked
            }
        }
        return Optional.empty();
    }

    private static void checkKeywordCells(TableGrid grid, List<Finding> findings) {
        for (int row = 0; row <= grid.lastRow(); row++) {
            for (GridCell cell : grid.row(row).values()) {
                String keyword = cell.text().strip().toLowerCase(Locale.ROOT);
                if (KEYWORDS.contains(keyword)) {
                    int valueColumn = grid.valueColumnRightOf(row, cell.column());
                    String value = grid.text(row, valueColumn);
                    int quote = firstTypographicQuote(value);
                    if (quote >= 0) {
                        findings.add(grid.error(row, valueColumn,
                                FindingText.of("table.typographic-quote-keyword", value.charAt(quote))));
                    }
                }
            }
        }
    }

    /**
     * Returns what is unbalanced in a code cell: a bracket without its partner or a string left open. Drools would
     * report it at every rule row that uses the column, in parser terms, instead of at this cell.
     */
    static Optional<FindingText> unbalanced(String code) {
        Deque<Character> open = new ArrayDeque<>();
        char quote = 0;
        for (int index = 0; index < code.length(); index++) {
            char character = code.charAt(index);
            if (quote != 0) {
                if (character == '\\') {
                    index++;
                } else if (character == quote) {
                    quote = 0;
                }
            } else if (character == '"' || character == '\'') {
                quote = character;
            } else if ("({[".indexOf(character) >= 0) {
                open.push(character);
            } else if (")}]".indexOf(character) >= 0) {
                char expected = open.isEmpty() ? 0 : ")}]".charAt("({[".indexOf(open.peek()));
                if (character != expected) {
                    return Optional.of(expected == 0
                            ? FindingText.of("code.closes-nothing", character, index + 1)
                            : FindingText.of("code.wrong-bracket", character, index + 1, expected));
                }
                open.pop();
            }
        }
        if (quote != 0) {
            return Optional.of(FindingText.of("code.open-string", quote));
        }
        if (!open.isEmpty()) {
            char missing = ")}]".charAt("({[".indexOf(open.peek()));
            return Optional.of(FindingText.of("code.unclosed-bracket", open.peek(), missing));
        }
        return Optional.empty();
    }

    private static boolean startsBlock(TableGrid grid, int row) {
        for (GridCell cell : grid.row(row).values()) {
            String text = cell.text().strip();
            if (RULE_TABLE.matcher(text).matches() || KEYWORDS.contains(text.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static List<NamedRule> namedRules(TableGrid grid, Table table, String rulePackage) {
        return namedRules(grid, table, rulePackage, -1);
    }

    /**
     * Returns each named rule of a table, placed at its name cell, or at the cell of {@code placeColumn} in its row
     * when that column is 0 or more.
     */
    private static List<NamedRule> namedRules(TableGrid grid, Table table, String rulePackage, int placeColumn) {
        List<NamedRule> names = new ArrayList<>();
        for (int column = table.firstColumn(); column <= table.lastColumn(); column++) {
            if (table.isName(column)) {
                for (int row = table.firstDataRow(); row <= table.lastDataRow(); row++) {
                    String name = grid.text(row, column);
                    if (!name.isEmpty()) {
                        names.add(new NamedRule(rulePackage, name,
                                grid.location(row, placeColumn < 0 ? column : placeColumn)));
                    }
                }
            }
        }
        return names;
    }

    /**
     * Returns the cell that gives the offer id of each named rule of a table that creates offer candidates, for
     * messages about that offer.
     */
    private List<NamedRule> offerIdCells(TableGrid grid, Table table, String rulePackage, List<String> imports) {
        boolean offerTable = resolve("OfferCandidate", imports).map(Class::getName)
                .filter(OfferCandidate.class.getName()::equals).isPresent();
        int offerIdColumn = offerTable ? OfferActionColumns.of(grid, table).offerIdColumn() : -1;
        return offerIdColumn < 0 ? List.of() : namedRules(grid, table, rulePackage, offerIdColumn);
    }

    /** Returns the store ids and chains that the rule rows of a table compare the contact with. */
    private List<StoreCell> storeCells(TableGrid grid, Table table, List<String> imports) {
        List<StoreCell> cells = new ArrayList<>();
        TableCheck columns = new TableCheck(grid, table, imports, new ArrayList<>(), new ArrayList<>());
        for (int column = table.firstColumn(); column <= table.lastColumn(); column++) {
            if (!table.isCondition(column) || !columns.patternType(column).map(ContactContext.class::equals)
                    .orElse(false)) {
                continue;
            }
            String snippet = grid.text(table.titleRow() + 3, column);
            boolean chain = STORE_CHAIN_FIELD.matcher(snippet).find();
            if (chain == STORE_ID_FIELD.matcher(snippet).find()) {
                // Neither field, or both in one snippet, so the values cannot be attributed to one of them.
                continue;
            }
            boolean list = FORALL.matcher(snippet).matches();
            for (int row = table.firstDataRow(); row <= table.lastDataRow(); row++) {
                String text = grid.text(row, column).strip();
                for (String value : list ? text.split(",") : new String[] {text}) {
                    String unquoted = value.strip().replaceAll("^\"|\"$", "");
                    if (!unquoted.isEmpty()) {
                        cells.add(new StoreCell(grid.location(row, column), chain, unquoted));
                    }
                }
            }
        }
        return cells;
    }

    private static List<String> imports(List<TableGrid> sheets) {
        return keywordValue(sheets, "import")
                .map(value -> Arrays.stream(value.split(",")).map(String::strip).filter(name -> !name.isEmpty())
                        .toList())
                .orElse(List.of());
    }

    private static Optional<String> keywordValue(List<TableGrid> sheets, String keyword) {
        Map<String, String> found = new LinkedHashMap<>();
        for (TableGrid grid : sheets) {
            for (int row = 0; row <= grid.lastRow(); row++) {
                for (GridCell cell : grid.row(row).values()) {
                    if (cell.text().strip().equalsIgnoreCase(keyword)) {
                        found.putIfAbsent(keyword, grid.text(row, grid.valueColumnRightOf(row, cell.column())));
                    }
                }
            }
        }
        return Optional.ofNullable(found.get(keyword)).filter(value -> !value.isEmpty());
    }

    static boolean hasRoundingNoise(double number) {
        if (!Double.isFinite(number) || number == Math.rint(number)) {
            return false;
        }
        return String.valueOf(number).replace("E", "").length() - shown(number).length() > 3;
    }

    /** Returns the number as a spreadsheet shows it in General format: at most 12 significant digits. */
    private static String shown(double number) {
        return new BigDecimal(String.valueOf(number)).round(DISPLAY_PRECISION).stripTrailingZeros().toPlainString();
    }

    private static boolean looksLikeDateSerial(double number) {
        // 1954-10-03 to 2119-01-10 in Excel's 1900 date system.
        return number == Math.rint(number) && number >= 20_000 && number <= 80_000;
    }

    private static int firstTypographicQuote(String text) {
        for (int index = 0; index < text.length(); index++) {
            if (TYPOGRAPHIC_QUOTES.indexOf(text.charAt(index)) >= 0) {
                return index;
            }
        }
        return -1;
    }

    private static boolean startsOrEndsWithTypographicQuote(String text) {
        return !text.isEmpty() && (TYPOGRAPHIC_QUOTES.indexOf(text.charAt(0)) >= 0
                || TYPOGRAPHIC_QUOTES.indexOf(text.charAt(text.length() - 1)) >= 0);
    }
}
