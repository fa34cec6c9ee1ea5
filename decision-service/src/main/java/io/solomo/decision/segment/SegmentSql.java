package io.solomo.decision.segment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the SQL that counts and lists the members of a segment from its conditions, with every value as a bind
 * parameter. The SQL runs on H2 2.x and PostgreSQL 14 and later, and computes each attribute as
 * {@link SegmentField#valueOf} does in memory: erased profiles are left out, and a profile without a last purchase or
 * interaction matches no condition on the days since it.
 */
final class SegmentSql {

    private static final long SECONDS_PER_DAY = 86_400;
    /** The engagement half-life of the profile, 30 days, as {@code ProfileAttributes} decays the stored score. */
    private static final long ENGAGEMENT_HALF_LIFE_SECONDS = 30 * SECONDS_PER_DAY;
    private static final String NOW_SECONDS = "cast(? as numeric(20, 9))";
    /**
     * The engagement score at the bound instant: the stored score halved every half-life since it was computed, never
     * raised for an instant before that, rounded to one decimal, and 0 without any interaction.
     */
    private static final String ENGAGEMENT = "case when c.engagement_at is null then 0 else round(cast("
            + "c.engagement_score * power(0.5, greatest(0, floor(" + NOW_SECONDS + " - extract(epoch from "
            + "c.engagement_at))) / " + ENGAGEMENT_HALF_LIFE_SECONDS + ") as numeric(30, 10)), 1) end";
    private static final String ADVOCACY = "least(100, c.review_count * 10 + c.share_count * 5)";
    /** The language as {@code Language.fromCode} reads it: English for {@code en}, French for any other code. */
    private static final String LANGUAGE = "case when lower(trim(c.language)) = 'en' then 'en' else 'fr' end";
    /** True when the latest marketing consent, by time then id, on one of the bound channels is granted. */
    private static final String GRANTED = "exists (select 1 from consent k where k.customer_id = c.customer_id "
            + "and k.purpose = 'MARKETING' and k.channel in (%s) and k.status = 'GRANTED' and not exists ("
            + "select 1 from consent n where n.customer_id = k.customer_id and n.purpose = k.purpose "
            + "and n.channel = k.channel and (n.recorded_at > k.recorded_at "
            + "or (n.recorded_at = k.recorded_at and n.id > k.id))))";

    private SegmentSql() {
    }

    /** A statement and its bind parameters, in order. */
    record Query(String sql, List<Object> parameters) {
    }

    /** Returns the query of one row and column: the number of profiles that match every condition at {@code now}. */
    static Query count(List<SegmentCondition> conditions, Instant now) {
        List<Object> parameters = new ArrayList<>();
        String where = where(conditions, now, parameters);
        return new Query("select count(*) from customer c where " + where, parameters);
    }

    /**
     * Returns the query of the members after the customer id {@code after} (null for the first page), by customer id,
     * at most {@code limit}. Each row has the customer id, then the columns that {@link #attributes} reads.
     */
    static Query members(List<SegmentCondition> conditions, Instant now, String after, int limit) {
        List<Object> parameters = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        columns.add("c.customer_id");
        for (SegmentField field : fieldsOf(conditions)) {
            if (field == SegmentField.MARKETING_CONSENT) {
                for (Object channel : consentChannels(conditions)) {
                    columns.add(GRANTED.formatted("?"));
                    parameters.add(channel);
                }
            } else {
                columns.add(column(field, now, parameters));
            }
        }
        String where = where(conditions, now, parameters);
        if (after != null) {
            where += " and c.customer_id > ?";
            parameters.add(after);
        }
        return new Query("select " + String.join(", ", columns) + " from customer c where " + where
                + " order by c.customer_id fetch first " + limit + " rows only", parameters);
    }

    /**
     * Reads the attributes of a member row of {@link #members} by the fields' JSON names, in the order of the
     * conditions: the days since a purchase or interaction counted at {@code now}, and for {@code marketingConsent}
     * the channels of the conditions that the customer granted.
     */
    static Map<String, Object> attributes(ResultSet row, List<SegmentCondition> conditions, Instant now)
            throws SQLException {
        Map<String, Object> attributes = new LinkedHashMap<>();
        int index = 2;
        for (SegmentField field : fieldsOf(conditions)) {
            Object value = switch (field) {
                case LOYALTY_TIER, LANGUAGE, LAST_STORE_ID -> row.getString(index++);
                case VISIT_COUNT, PURCHASE_COUNT, ADVOCACY_SCORE, REVIEW_COUNT, SHARE_COUNT -> row.getLong(index++);
                case MONETARY_TOTAL -> row.getBigDecimal(index++);
                case ENGAGEMENT_SCORE -> row.getBigDecimal(index++).setScale(1, RoundingMode.HALF_UP);
                case DAYS_SINCE_LAST_PURCHASE, DAYS_SINCE_LAST_INTERACTION -> {
                    OffsetDateTime at = row.getObject(index++, OffsetDateTime.class);
                    BigDecimal days = SegmentField.daysSince(at == null ? null : at.toInstant(), now);
                    yield days == null ? null : days.longValue();
                }
                case ANONYMOUS -> row.getBoolean(index++);
                case MARKETING_CONSENT -> {
                    List<Object> granted = new ArrayList<>();
                    for (Object channel : consentChannels(conditions)) {
                        if (row.getBoolean(index++)) {
                            granted.add(channel);
                        }
                    }
                    yield granted;
                }
            };
            attributes.put(field.jsonName(), value);
        }
        return attributes;
    }

    private static List<SegmentField> fieldsOf(List<SegmentCondition> conditions) {
        return conditions.stream().map(SegmentCondition::field).distinct().toList();
    }

    private static List<Object> consentChannels(List<SegmentCondition> conditions) {
        return conditions.stream().filter(condition -> condition.field() == SegmentField.MARKETING_CONSENT)
                .flatMap(condition -> condition.values().stream()).distinct().sorted().toList();
    }

    private static String where(List<SegmentCondition> conditions, Instant now, List<Object> parameters) {
        List<String> clauses = new ArrayList<>();
        clauses.add("c.erased_at is null");
        for (SegmentCondition condition : conditions) {
            clauses.add(clause(condition, now, parameters));
        }
        return String.join(" and ", clauses);
    }

    private static String clause(SegmentCondition condition, Instant now, List<Object> parameters) {
        SegmentField field = condition.field();
        if (field == SegmentField.MARKETING_CONSENT) {
            parameters.addAll(condition.values());
            return GRANTED.formatted(placeholders(condition.values().size()));
        }
        if (field == SegmentField.DAYS_SINCE_LAST_PURCHASE) {
            return daysSince("c.last_purchase_at", condition, now, parameters);
        }
        if (field == SegmentField.DAYS_SINCE_LAST_INTERACTION) {
            return daysSince("c.last_interaction_at", condition, now, parameters);
        }
        String column = column(field, now, parameters);
        if (condition.operator() == SegmentOperator.IN) {
            parameters.addAll(condition.values());
            return column + " in (" + placeholders(condition.values().size()) + ")";
        }
        parameters.add(condition.value());
        return column + " " + condition.operator().symbol() + " ?";
    }

    /** Returns the SQL expression of a field that a condition compares, adding its own parameters. */
    private static String column(SegmentField field, Instant now, List<Object> parameters) {
        return switch (field) {
            case LOYALTY_TIER -> "c.loyalty_tier";
            case LANGUAGE -> LANGUAGE;
            case VISIT_COUNT -> "c.visit_count";
            case PURCHASE_COUNT -> "c.purchase_count";
            case MONETARY_TOTAL -> "c.monetary_total";
            case DAYS_SINCE_LAST_PURCHASE -> "c.last_purchase_at";
            case DAYS_SINCE_LAST_INTERACTION -> "c.last_interaction_at";
            case ENGAGEMENT_SCORE -> {
                parameters.add(epochSeconds(now));
                yield ENGAGEMENT;
            }
            case ADVOCACY_SCORE -> ADVOCACY;
            case REVIEW_COUNT -> "c.review_count";
            case SHARE_COUNT -> "c.share_count";
            case LAST_STORE_ID -> "c.last_store_id";
            case ANONYMOUS -> "c.anonymous";
            case MARKETING_CONSENT -> throw new IllegalArgumentException("marketingConsent has no single column");
        };
    }

    /**
     * Compares the whole days since a timestamp with a condition by comparing the timestamp with bound instants, so
     * that an index on the column can serve. The days are {@code max(0, floor(seconds / 86400))}: at least N days
     * (N > 0) means at or before {@code now - N days}, and at most N days means after {@code now - (N + 1) days}.
     */
    private static String daysSince(String column, SegmentCondition condition, Instant now, List<Object> parameters) {
        long days = ((BigDecimal) condition.value()).longValueExact();
        return switch (condition.operator()) {
            case AT_LEAST -> atLeastDays(column, days, now, parameters);
            case GREATER -> atLeastDays(column, days + 1, now, parameters);
            case AT_MOST -> atMostDays(column, days, now, parameters);
            case LESS -> atMostDays(column, days - 1, now, parameters);
            case EQUAL -> atLeastDays(column, days, now, parameters) + " and "
                    + atMostDays(column, days, now, parameters);
            case IN -> throw new IllegalArgumentException("operator in does not apply to days");
        };
    }

    private static String atLeastDays(String column, long days, Instant now, List<Object> parameters) {
        if (days <= 0) {
            return column + " is not null";
        }
        parameters.add(utc(now.minus(Duration.ofDays(days))));
        return column + " <= ?";
    }

    private static String atMostDays(String column, long days, Instant now, List<Object> parameters) {
        if (days < 0) {
            return "1 = 0";
        }
        parameters.add(utc(now.minus(Duration.ofDays(days + 1))));
        return column + " > ?";
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.getEpochSecond()).add(BigDecimal.valueOf(instant.getNano(), 9));
    }
}
