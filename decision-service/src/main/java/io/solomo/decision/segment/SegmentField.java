package io.solomo.decision.segment;

import io.solomo.model.Channel;
import io.solomo.model.LoyaltyTier;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.solomo.decision.segment.SegmentOperator.AT_LEAST;
import static io.solomo.decision.segment.SegmentOperator.AT_MOST;
import static io.solomo.decision.segment.SegmentOperator.EQUAL;
import static io.solomo.decision.segment.SegmentOperator.GREATER;
import static io.solomo.decision.segment.SegmentOperator.IN;
import static io.solomo.decision.segment.SegmentOperator.LESS;

/**
 * A profile attribute that a segment condition may test, with the operators it accepts and the type of its values.
 * {@link #valueOf} reads the attribute in memory and {@link SegmentSql} computes the same value in SQL.
 */
public enum SegmentField {
    LOYALTY_TIER("loyaltyTier", ValueType.CODE, Set.of(EQUAL, IN),
            Arrays.stream(LoyaltyTier.values()).map(Enum::name).toList()),
    LANGUAGE("language", ValueType.CODE, Set.of(EQUAL, IN), List.of("fr", "en")),
    VISIT_COUNT("visitCount", ValueType.WHOLE, Comparisons.ALL),
    PURCHASE_COUNT("purchaseCount", ValueType.WHOLE, Comparisons.ALL),
    /** Total spent, in the brand's currency. */
    MONETARY_TOTAL("monetaryTotal", ValueType.DECIMAL, Comparisons.ALL),
    /** Whole days since the last purchase; a customer who never bought matches no condition on it. */
    DAYS_SINCE_LAST_PURCHASE("daysSinceLastPurchase", ValueType.DAYS, Comparisons.ALL),
    /** Whole days since the latest interaction; a customer without any matches no condition on it. */
    DAYS_SINCE_LAST_INTERACTION("daysSinceLastInteraction", ValueType.DAYS, Comparisons.ALL),
    /** A score that decays continuously, so only orderings make sense. */
    ENGAGEMENT_SCORE("engagementScore", ValueType.DECIMAL, Comparisons.ORDERING),
    ADVOCACY_SCORE("advocacyScore", ValueType.SCORE, Comparisons.ALL),
    REVIEW_COUNT("reviewCount", ValueType.WHOLE, Comparisons.ALL),
    SHARE_COUNT("shareCount", ValueType.WHOLE, Comparisons.ALL),
    LAST_STORE_ID("lastStoreId", ValueType.TEXT, Set.of(EQUAL, IN)),
    /** A channel whose marketing consent is granted; {@code in} matches a customer who granted any of them. */
    MARKETING_CONSENT("marketingConsent", ValueType.CODE, Set.of(EQUAL, IN),
            Arrays.stream(Channel.values()).map(Enum::name).toList()),
    ANONYMOUS("anonymous", ValueType.BOOLEAN, Set.of(EQUAL));

    private final String jsonName;
    private final ValueType type;
    private final Set<SegmentOperator> operators;
    private final List<String> codes;

    SegmentField(String jsonName, ValueType type, Set<SegmentOperator> operators) {
        this(jsonName, type, operators, List.of());
    }

    SegmentField(String jsonName, ValueType type, Set<SegmentOperator> operators, List<String> codes) {
        this.jsonName = jsonName;
        this.type = type;
        this.operators = EnumSet.copyOf(operators);
        this.codes = codes;
    }

    /** Returns the name of the field in JSON, such as {@code advocacyScore}. */
    public String jsonName() {
        return jsonName;
    }

    ValueType type() {
        return type;
    }

    /** Returns the operators this field accepts, in the order of {@link SegmentOperator}. */
    Set<SegmentOperator> operators() {
        return operators;
    }

    /** Returns the accepted values of a {@link ValueType#CODE} field, or an empty list for the other types. */
    List<String> codes() {
        return codes;
    }

    /** Returns the field with this JSON name, or empty. */
    static Optional<SegmentField> ofJsonName(String name) {
        return Arrays.stream(values()).filter(field -> field.jsonName.equals(name)).findFirst();
    }

    static String jsonNames() {
        return Arrays.stream(values()).map(SegmentField::jsonName).collect(Collectors.joining(", "));
    }

    /**
     * Returns the attribute's value for a profile at {@code now}: a String for codes and text, a BigDecimal for
     * numbers, a Boolean, or for {@link #MARKETING_CONSENT} the sorted set of granted channel names. Null means
     * unknown, such as the days since the last purchase of a customer who never bought.
     */
    Object valueOf(SegmentProfile profile, Instant now) {
        return switch (this) {
            case LOYALTY_TIER -> profile.loyaltyTier().name();
            case LANGUAGE -> profile.language().code();
            case VISIT_COUNT -> BigDecimal.valueOf(profile.visitCount());
            case PURCHASE_COUNT -> BigDecimal.valueOf(profile.purchaseCount());
            case MONETARY_TOTAL -> profile.monetaryTotal();
            case DAYS_SINCE_LAST_PURCHASE -> daysSince(profile.lastPurchaseAt(), now);
            case DAYS_SINCE_LAST_INTERACTION -> daysSince(profile.lastInteractionAt(), now);
            case ENGAGEMENT_SCORE -> BigDecimal.valueOf(profile.engagementScore());
            case ADVOCACY_SCORE -> BigDecimal.valueOf(profile.advocacyScore());
            case REVIEW_COUNT -> BigDecimal.valueOf(profile.reviewCount());
            case SHARE_COUNT -> BigDecimal.valueOf(profile.shareCount());
            case LAST_STORE_ID -> profile.lastStoreId();
            case MARKETING_CONSENT -> profile.consentedChannels().stream().map(Enum::name)
                    .collect(Collectors.toCollection(TreeSet::new));
            case ANONYMOUS -> profile.anonymous();
        };
    }

    /**
     * Whole days from {@code at} to {@code now}, 0 when {@code at} is in the future, or null without {@code at}. The
     * profile's recency uses the same count, so {@code daysSinceLastPurchase} equals the rules' {@code recencyDays}.
     */
    static BigDecimal daysSince(Instant at, Instant now) {
        if (at == null) {
            return null;
        }
        return BigDecimal.valueOf(Math.max(0, Duration.between(at, now).toDays()));
    }

    /** The type of a field's values in JSON, with the range each accepts. */
    enum ValueType {
        /** One of the field's {@link #codes()}. */
        CODE,
        /** Any text, such as a store id. */
        TEXT,
        /** A whole number from 0 to {@link SegmentConditions#MAX_COUNT}. */
        WHOLE,
        /** A whole number of days from 0 to {@link SegmentConditions#MAX_DAYS}. */
        DAYS,
        /** A whole number from 0 to 100. */
        SCORE,
        /** A number from 0 to {@link SegmentConditions#MAX_AMOUNT}, with at most two decimals. */
        DECIMAL,
        BOOLEAN
    }

    private static final class Comparisons {
        static final Set<SegmentOperator> ALL = Set.of(EQUAL, AT_LEAST, AT_MOST, GREATER, LESS);
        static final Set<SegmentOperator> ORDERING = Set.of(AT_LEAST, AT_MOST, GREATER, LESS);
    }
}
