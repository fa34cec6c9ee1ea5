package io.solomo.decision.offer;

import io.solomo.model.Language;
import io.solomo.rules.OfferProposer;
import io.solomo.rules.UnmetCondition;
import io.solomo.rules.UnmetCondition.Requirement;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Words the conditions of a rule that a past contact did not meet, one sentence each: "Row 18 of sheet Offers
 * requires the day SATURDAY or SUNDAY, and the contact was on a FRIDAY." A condition on a property or in a form that
 * has no wording here, such as {@code preferredChannels contains ...}, is left out.
 */
final class UnmetConditionWords {

    /** The numbers of {@code CustomerFacts} whose conditions are worded, each with a name in the message bundles. */
    private static final Set<String> PROFILE_NUMBERS = Set.of("visitCount", "purchaseCount", "recencyDays",
            "monetaryValue", "engagementScore", "advocacyScore");

    private UnmetConditionWords() {
    }

    /**
     * Returns the sentences for the proposer's unmet conditions, or an empty string when none can be worded.
     *
     * @param segmentNames returns the name of a segment in the language from its id, or the id when the segment no
     *                     longer exists
     */
    static String inWords(OfferProposer proposer, List<UnmetCondition> unmet, RecordedContact.Known contact,
                          UnaryOperator<String> segmentNames, Language language) {
        List<String> clauses = new ArrayList<>();
        for (UnmetCondition condition : unmet) {
            clauseOf(condition, contact, segmentNames, language).ifPresent(clauses::add);
        }
        List<String> sentences = new ArrayList<>();
        for (String clause : clauses) {
            sentences.add(sentences.isEmpty()
                    ? ReasonMessages.format(language, "why-not.unmet.first", subjectOf(proposer, language), clause)
                    : ReasonMessages.format(language, "why-not.unmet.next", clause));
        }
        return String.join(" ", sentences);
    }

    private static String subjectOf(OfferProposer proposer, Language language) {
        if (proposer.row() == null) {
            return ReasonMessages.format(language, "why-not.unmet.rule", proposer.ruleName());
        }
        if (proposer.sheet() == null) {
            return ReasonMessages.format(language, "why-not.unmet.row", proposer.row(), proposer.file());
        }
        return ReasonMessages.format(language, "why-not.unmet.row-in-sheet", proposer.row(), proposer.sheet());
    }

    private static Optional<String> clauseOf(UnmetCondition condition, RecordedContact.Known contact,
                                             UnaryOperator<String> segmentNames, Language language) {
        if ("CustomerFacts".equals(condition.fact())) {
            return switch (condition.property()) {
                case "segments" -> segmentClause(condition, segmentNames, language);
                case "favouriteCategories" -> categoryClause(condition, language);
                default -> customerClause(condition, language);
            };
        }
        if (!"ContactContext".equals(condition.fact())) {
            return Optional.empty();
        }
        if (condition.property().equals("hour")) {
            return hoursClause(condition, contact.localTime(), language);
        }
        if (condition.requirement() != Requirement.ONE_OF) {
            return Optional.empty();
        }
        Object actual = condition.actual();
        String required = alternatives(condition.values(), language);
        Object storeId = contact.facts().contact().get("storeId");
        String where = storeId == null ? "away" : "at-store";
        return switch (condition.property()) {
            case "dayOfWeek" -> dayClause(condition, language);
            case "atStore" -> Optional.of(ReasonMessages.format(language, condition.values().equals(List.of(true))
                    ? "why-not.condition.at-store" : "why-not.condition.away-from-stores", storeId));
            case "storeChain" -> Optional.of(ReasonMessages.format(language, actual != null
                    ? "why-not.condition.chain" : "why-not.condition.no-chain-" + where, required, actual));
            case "storeId" -> Optional.of(ReasonMessages.format(language, "why-not.condition.store-" + where,
                    required, actual));
            case "channel" -> Optional.of(ReasonMessages.format(language, "why-not.condition.channel", required,
                    actual));
            case "trigger" -> Optional.of(ReasonMessages.format(language, "why-not.condition.trigger", required,
                    actual));
            case "openNow" -> openingClause(condition, storeId, language);
            case "regularHere" -> regularClause(condition, storeId, language);
            default -> Optional.empty();
        };
    }

    /** Words a condition on whether the contact's store was open, from its opening hours. */
    private static Optional<String> openingClause(UnmetCondition condition, Object storeId, Language language) {
        if (storeId == null || condition.values().size() != 1
                || !(condition.values().get(0) instanceof Boolean requiredOpen)
                || requiredOpen.equals(condition.actual())) {
            return Optional.empty();
        }
        String state = condition.actual() == null ? "unknown" : condition.actual().equals(true) ? "open" : "closed";
        return Optional.of(ReasonMessages.format(language,
                "why-not.condition." + (requiredOpen ? "open" : "closed") + "-store-was-" + state, storeId));
    }

    /** Words a condition on whether the customer was a regular of the contact's store. */
    private static Optional<String> regularClause(UnmetCondition condition, Object storeId, Language language) {
        if (storeId == null || !(condition.actual() instanceof Boolean wasRegular)
                || !condition.values().equals(List.of(!wasRegular))) {
            return Optional.empty();
        }
        return Optional.of(ReasonMessages.format(language,
                wasRegular ? "why-not.condition.not-regular" : "why-not.condition.regular", storeId));
    }

    /** Words a condition that the customer is, or is not, in one segment, named in the language. */
    private static Optional<String> segmentClause(UnmetCondition condition, UnaryOperator<String> segmentNames,
                                                  Language language) {
        if (condition.values().size() != 1 || !(condition.values().get(0) instanceof String segmentId)) {
            return Optional.empty();
        }
        String key = switch (condition.requirement()) {
            case CONTAINS -> "why-not.condition.segment";
            case EXCLUDES -> "why-not.condition.not-segment";
            default -> null;
        };
        return Optional.ofNullable(key)
                .map(found -> ReasonMessages.format(language, found, segmentNames.apply(segmentId)));
    }

    /** Words a condition that one category is, or is not, among the customer's favourite categories. */
    private static Optional<String> categoryClause(UnmetCondition condition, Language language) {
        if (condition.values().size() != 1 || !(condition.values().get(0) instanceof String category)
                || !(condition.actual() instanceof List<?> favourites)) {
            return Optional.empty();
        }
        if (condition.requirement() == Requirement.EXCLUDES) {
            return Optional.of(ReasonMessages.format(language, "why-not.condition.not-category", category));
        }
        if (condition.requirement() != Requirement.CONTAINS) {
            return Optional.empty();
        }
        if (favourites.isEmpty()) {
            return Optional.of(ReasonMessages.format(language, "why-not.condition.category-none", category));
        }
        return Optional.of(ReasonMessages.format(language, "why-not.condition.category", category,
                joined(favourites, "why-not.condition.and", language)));
    }

    /**
     * Words a condition on the customer's loyalty tier, language or one of the numbers of their profile, such as
     * "advocacyScore >= 50". Conditions on the customer's stores are left out.
     */
    private static Optional<String> customerClause(UnmetCondition condition, Language language) {
        String property = condition.property();
        if (property.equals("loyaltyTier") || property.equals("language")) {
            if (condition.requirement() != Requirement.ONE_OF) {
                return Optional.empty();
            }
            String key = property.equals("loyaltyTier") ? "why-not.condition.tier" : "why-not.condition.language";
            return Optional.of(ReasonMessages.format(language, key, alternatives(condition.values(), language),
                    condition.actual()));
        }
        if (!PROFILE_NUMBERS.contains(property) || !(condition.actual() instanceof Number actual)
                || !condition.values().stream().allMatch(Number.class::isInstance)) {
            return Optional.empty();
        }
        String name = ReasonMessages.format(language, "why-not.property." + property);
        String bound = condition.requirement() == Requirement.ONE_OF
                ? ReasonMessages.format(language, "why-not.bound.ONE_OF", alternatives(condition.values(), language))
                : ReasonMessages.format(language, "why-not.bound." + condition.requirement().name(),
                condition.values().toArray());
        // recencyDays is -1 for a customer who never bought anything, which is no number of days.
        if (property.equals("recencyDays") && actual.longValue() < 0) {
            return Optional.of(ReasonMessages.format(language, "why-not.condition.number-never-bought", name, bound));
        }
        return Optional.of(ReasonMessages.format(language, "why-not.condition.number", name, bound, actual));
    }

    private static Optional<String> dayClause(UnmetCondition condition, Language language) {
        if (!(condition.actual() instanceof DayOfWeek day)
                || !condition.values().stream().allMatch(DayOfWeek.class::isInstance)) {
            return Optional.empty();
        }
        List<String> required = condition.values().stream()
                .map(value -> dayName((DayOfWeek) value, language))
                .toList();
        return Optional.of(ReasonMessages.format(language, "why-not.condition.day", alternatives(required, language),
                dayName(day, language)));
    }

    /**
     * Words an hour condition with whole hours of the local time: "hour >= 7 && hour < 11" requires a contact from
     * 07:00 to 10:59. The contact's time is given to the minute, so it needs the local time.
     */
    private static Optional<String> hoursClause(UnmetCondition condition, ZonedDateTime localTime,
                                                Language language) {
        if (localTime == null || !condition.values().stream().allMatch(Integer.class::isInstance)) {
            return Optional.empty();
        }
        List<Integer> hours = condition.values().stream().map(Integer.class::cast).toList();
        LocalTime contactTime = localTime.toLocalTime().truncatedTo(ChronoUnit.MINUTES);
        Optional<LocalTime> from = switch (condition.requirement()) {
            case FROM_BELOW, AT_LEAST -> startOf(hours.get(0));
            case ABOVE -> startOf(hours.get(0) + 1);
            default -> Optional.empty();
        };
        Optional<LocalTime> until = switch (condition.requirement()) {
            case FROM_BELOW -> lastMinuteBefore(hours.get(1));
            case BELOW -> lastMinuteBefore(hours.get(0));
            case AT_MOST -> lastMinuteBefore(hours.get(0) + 1);
            default -> Optional.empty();
        };
        if (condition.requirement() == Requirement.FROM_BELOW) {
            if (from.isEmpty() || until.isEmpty() || !from.get().isBefore(until.get())) {
                return Optional.empty();
            }
            return Optional.of(ReasonMessages.format(language, "why-not.condition.hours", from.get(), until.get(),
                    contactTime));
        }
        if (from.isPresent()) {
            return Optional.of(ReasonMessages.format(language, "why-not.condition.hours-from", from.get(),
                    contactTime));
        }
        return until.map(last -> ReasonMessages.format(language, "why-not.condition.hours-until", last,
                contactTime));
    }

    /** Returns the start of a whole hour of the day, or empty outside 0 to 23. */
    private static Optional<LocalTime> startOf(int hour) {
        return hour >= 0 && hour <= 23 ? Optional.of(LocalTime.of(hour, 0)) : Optional.empty();
    }

    /** Returns the last minute before a whole hour, such as 10:59 before 11, or empty outside 1 to 24. */
    private static Optional<LocalTime> lastMinuteBefore(int hour) {
        return hour >= 1 && hour <= 24 ? Optional.of(LocalTime.of(hour - 1, 59)) : Optional.empty();
    }

    /** Returns a day as the offers workbook writes it, in upper case: SATURDAY, or SAMEDI in French. */
    private static String dayName(DayOfWeek day, Language language) {
        return language == Language.FR
                ? day.getDisplayName(TextStyle.FULL, Locale.FRENCH).toUpperCase(Locale.FRENCH)
                : day.name();
    }

    /** Joins values as "A or B", "A, B or C", in the language. */
    private static String alternatives(List<?> values, Language language) {
        return joined(values, "why-not.condition.or", language);
    }

    /** Joins values with commas and, before the last, the conjunction of the message {@code lastKey}. */
    private static String joined(List<?> values, String lastKey, Language language) {
        List<String> words = values.stream().map(String::valueOf).toList();
        if (words.size() == 1) {
            return words.get(0);
        }
        String allButLast = String.join(", ", words.subList(0, words.size() - 1));
        return ReasonMessages.format(language, lastKey, allButLast, words.get(words.size() - 1));
    }
}
