package io.solomo.rules;

import io.solomo.model.Channel;
import io.solomo.model.Language;
import io.solomo.model.LoyaltyTier;
import io.solomo.model.offer.ContactContext;
import io.solomo.model.offer.ContactContext.Trigger;
import io.solomo.model.offer.CustomerFacts;
import io.solomo.model.offer.OfferCandidate;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The test scenarios analysts write next to the offer rules: a {@code Scenarios} sheet in a workbook, or a file named
 * {@code *.scenarios.csv}. The first row that has a {@code Scenario} cell holds the column titles; each row below is
 * one customer at one moment of contact and the offers the rules must propose.
 *
 * <p>Columns, in any order, titles not case-sensitive: {@code Scenario} (a name), {@code Loyalty tier},
 * {@code Channel} (default PUSH), {@code Consented channels} (comma-separated; blank means the contact's channel,
 * {@code none} means no consent), {@code Store id} and {@code Store chain} (blank when away from stores), {@code Day}
 * (MONDAY to SUNDAY), {@code Hour} (0 to 23, local time), {@code Language} (default FR) and {@code Expected offers}
 * (offer ids separated by commas, or {@code none}).
 */
final class OfferScenarios {

    static final String SHEET = "Scenarios";
    static final String CSV_ENDING = ".scenarios.csv";

    private static final String NAME = "scenario";
    private static final String TIER = "loyalty tier";
    private static final String CHANNEL = "channel";
    private static final String CONSENTED = "consented channels";
    private static final String STORE_ID = "store id";
    private static final String STORE_CHAIN = "store chain";
    private static final String DAY = "day";
    private static final String HOUR = "hour";
    private static final String LANGUAGE = "language";
    private static final String EXPECTED = "expected offers";
    private static final List<String> REQUIRED = List.of(NAME, TIER, DAY, HOUR, EXPECTED);

    private OfferScenarios() {
    }

    static boolean isScenarioFile(String path) {
        return path.endsWith(CSV_ENDING);
    }

    static boolean isScenarioSheet(TableGrid grid) {
        return grid.sheet() != null && grid.sheet().strip().equalsIgnoreCase(SHEET);
    }

    /** One scenario row, read and checked. */
    record Scenario(Location place, String name, CustomerFacts customer, ContactContext context,
                    Set<String> expected) {
    }

    /** Reads the scenarios of one grid; a row that cannot be read becomes an error finding instead. */
    static List<Scenario> read(TableGrid grid, List<Finding> findings) {
        int headerRow = -1;
        Map<String, Integer> columns = new LinkedHashMap<>();
        Map<String, String> titles = new LinkedHashMap<>();
        for (int row = 0; row <= grid.lastRow() && headerRow < 0; row++) {
            for (TableGrid.GridCell cell : grid.row(row).values()) {
                if (cell.text().strip().equalsIgnoreCase(NAME)) {
                    headerRow = row;
                }
            }
        }
        if (headerRow < 0) {
            findings.add(Finding.error(grid.file(), grid.sheet(), null, FindingText.of("scenario.no-titles")));
            return List.of();
        }
        for (TableGrid.GridCell cell : grid.row(headerRow).values()) {
            String title = cell.text().strip();
            columns.putIfAbsent(title.toLowerCase(Locale.ROOT), cell.column());
            titles.putIfAbsent(title.toLowerCase(Locale.ROOT), title);
        }
        List<String> missing = REQUIRED.stream().filter(title -> !columns.containsKey(title)).toList();
        if (!missing.isEmpty()) {
            findings.add(grid.error(headerRow, columns.get(NAME), FindingText.of("scenario.missing-titles", missing)));
            return List.of();
        }

        List<Scenario> scenarios = new ArrayList<>();
        for (int row = headerRow + 1; row <= grid.lastRow(); row++) {
            if (!grid.text(row, columns.get(NAME)).isEmpty()) {
                new RowReader(grid, row, columns, titles, findings).scenario().ifPresent(scenarios::add);
            }
        }
        return scenarios;
    }

    /** Runs one scenario; the offers compared are the distinct ids of the candidates left after every rule fired. */
    static ScenarioResult run(Scenario scenario, OfferRuleBase rules) {
        RuleOutcome outcome;
        try {
            outcome = rules.evaluate(scenario.customer(), scenario.context());
        } catch (RuntimeException failure) {
            return new ScenarioResult(scenario.place().file(), scenario.place().sheet(), scenario.place().cell(),
                    scenario.name(), List.copyOf(scenario.expected()), List.of(), List.of(), false,
                    FindingText.of("scenario.rules-failed", failure.getMessage()));
        }
        Set<String> actual = new TreeSet<>(outcome.candidates().stream().map(OfferCandidate::getOfferId).toList());
        boolean passed = actual.equals(scenario.expected());
        return new ScenarioResult(scenario.place().file(), scenario.place().sheet(), scenario.place().cell(),
                scenario.name(), List.copyOf(scenario.expected()), List.copyOf(actual), outcome.firedRules(), passed,
                null);
    }

    private static final class RowReader {

        private final TableGrid grid;
        private final int row;
        private final Map<String, Integer> columns;
        // The column titles as the file writes them, by lowercase title, for messages.
        private final Map<String, String> titles;
        private final List<Finding> findings;
        private boolean valid = true;

        RowReader(TableGrid grid, int row, Map<String, Integer> columns, Map<String, String> titles,
                  List<Finding> findings) {
            this.grid = grid;
            this.row = row;
            this.columns = columns;
            this.titles = titles;
            this.findings = findings;
        }

        Optional<Scenario> scenario() {
            String name = text(NAME);
            LoyaltyTier tier = constant(TIER, LoyaltyTier.class, null);
            Channel channel = constant(CHANNEL, Channel.class, Channel.PUSH);
            DayOfWeek day = constant(DAY, DayOfWeek.class, null);
            Language language = constant(LANGUAGE, Language.class, Language.FR);
            Integer hour = hour();
            Set<Channel> consented = consented(channel);
            Set<String> expected = expected();
            if (!valid) {
                return Optional.empty();
            }

            String storeId = blankToNull(text(STORE_ID));
            String storeChain = blankToNull(text(STORE_CHAIN));
            CustomerFacts customer = new CustomerFacts("scenario-" + (row + 1), tier, language,
                    List.of(channel), consented);
            ContactContext context = new ContactContext(channel, storeId == null ? Trigger.API : Trigger.GEOFENCE_ENTER,
                    storeId, storeChain, day, hour);
            return Optional.of(new Scenario(grid.location(row, columns.get(NAME)), name, customer, context, expected));
        }

        private <E extends Enum<E>> E constant(String title, Class<E> type, E fallback) {
            String typed = text(title);
            String value = typed.toUpperCase(Locale.ROOT);
            if (value.isEmpty()) {
                if (fallback == null) {
                    fail(title, FindingText.of("scenario.value-missing", titles.getOrDefault(title, title)));
                }
                return fallback;
            }
            try {
                return Enum.valueOf(type, value);
            } catch (IllegalArgumentException unknown) {
                fail(title, FindingText.of("scenario.not-constant", typed, titles.getOrDefault(title, title),
                        Arrays.toString(type.getEnumConstants())));
                return fallback;
            }
        }

        private Integer hour() {
            String value = text(HOUR);
            try {
                int hour = Integer.parseInt(value);
                if (hour >= 0 && hour <= 23) {
                    return hour;
                }
            } catch (NumberFormatException notANumber) {
                // reported below
            }
            fail(HOUR, FindingText.of("scenario.hour-invalid", value));
            return 0;
        }

        private Set<Channel> consented(Channel channel) {
            String value = text(CONSENTED);
            if (value.isEmpty()) {
                return channel == null ? Set.of() : EnumSet.of(channel);
            }
            if (value.equalsIgnoreCase("none")) {
                return Set.of();
            }
            Set<Channel> channels = EnumSet.noneOf(Channel.class);
            for (String part : value.split(",")) {
                try {
                    channels.add(Channel.valueOf(part.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException unknown) {
                    fail(CONSENTED, FindingText.of("scenario.channel-invalid", part.strip(),
                            Arrays.toString(Channel.values())));
                }
            }
            return channels;
        }

        private Set<String> expected() {
            String value = text(EXPECTED);
            if (value.isEmpty()) {
                fail(EXPECTED, FindingText.of("scenario.expected-missing"));
                return Set.of();
            }
            if (value.equalsIgnoreCase("none")) {
                return Set.of();
            }
            if (value.contains(";")) {
                fail(EXPECTED, FindingText.of("scenario.expected-semicolon", value,
                        String.join(", ", Arrays.stream(value.split(";")).map(String::strip)
                                .filter(part -> !part.isEmpty()).toList())));
                return Set.of();
            }
            Set<String> offers = new TreeSet<>();
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    offers.add(part.strip());
                }
            }
            return offers;
        }

        private String text(String title) {
            Integer column = columns.get(title);
            return column == null ? "" : grid.text(row, column);
        }

        private void fail(String title, FindingText problem) {
            valid = false;
            Integer column = columns.get(title);
            findings.add(grid.error(row, column == null ? columns.get(NAME) : column,
                    FindingText.of("scenario.row-invalid", problem)));
        }

        private static String blankToNull(String text) {
            return text.isEmpty() ? null : text;
        }
    }
}
