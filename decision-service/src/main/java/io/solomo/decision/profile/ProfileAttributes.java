package io.solomo.decision.profile;

import io.solomo.model.LoyaltyTier;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embeddable;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The progressive profile: attributes derived from a customer's interactions, updated as each one arrives.
 *
 * <p>Counters only grow. The engagement score decays with a half-life of {@value #ENGAGEMENT_HALF_LIFE_DAYS} days,
 * so it is stored with the instant it was computed for. Amounts are in the brand's currency.
 */
@Embeddable
public class ProfileAttributes {

    static final int ENGAGEMENT_HALF_LIFE_DAYS = 30;
    static final int FAVOURITE_CATEGORY_COUNT = 3;

    /** The columns of table {@code customer} that hold these attributes, in the order {@link #read} and {@link #bind} use. */
    static final List<String> COLUMNS = List.of("interaction_count", "visit_count", "purchase_count",
            "monetary_total", "first_seen_at", "last_interaction_at", "last_purchase_at", "last_store_id",
            "last_store_at", "store_visits", "category_spend", "engagement_score", "engagement_at", "review_count",
            "share_count");

    private static final JsonMaps.Counts COUNTS = new JsonMaps.Counts();
    private static final JsonMaps.Amounts AMOUNTS = new JsonMaps.Amounts();

    @Column(name = "interaction_count", nullable = false)
    private int interactionCount;

    @Column(name = "visit_count", nullable = false)
    private int visitCount;

    @Column(name = "purchase_count", nullable = false)
    private int purchaseCount;

    @Column(name = "monetary_total", nullable = false)
    private BigDecimal monetaryTotal = BigDecimal.ZERO;

    @Column(name = "first_seen_at")
    private Instant firstSeenAt;

    @Column(name = "last_interaction_at")
    private Instant lastInteractionAt;

    @Column(name = "last_purchase_at")
    private Instant lastPurchaseAt;

    @Column(name = "last_store_id")
    private String lastStoreId;

    @Column(name = "last_store_at")
    private Instant lastStoreAt;

    @Convert(converter = JsonMaps.Counts.class)
    @Column(name = "store_visits", nullable = false)
    private Map<String, Long> storeVisits = new TreeMap<>();

    @Convert(converter = JsonMaps.Amounts.class)
    @Column(name = "category_spend", nullable = false)
    private Map<String, BigDecimal> categorySpend = new TreeMap<>();

    @Column(name = "engagement_score", nullable = false)
    private double engagementScore;

    @Column(name = "engagement_at")
    private Instant engagementAt;

    @Column(name = "review_count", nullable = false)
    private int reviewCount;

    @Column(name = "share_count", nullable = false)
    private int shareCount;

    protected ProfileAttributes() {
    }

    static ProfileAttributes empty() {
        return new ProfileAttributes();
    }

    /**
     * Reads the attributes from a JDBC row that contains {@link #COLUMNS}, the first of them at {@code firstIndex}. Plain
     * JDBC writers use it and {@link #bind} where loading the entity would cost a dirty check per profile.
     */
    static ProfileAttributes read(ResultSet row, int firstIndex) throws SQLException {
        ProfileAttributes attributes = new ProfileAttributes();
        int index = firstIndex;
        attributes.interactionCount = row.getInt(index++);
        attributes.visitCount = row.getInt(index++);
        attributes.purchaseCount = row.getInt(index++);
        attributes.monetaryTotal = row.getBigDecimal(index++);
        attributes.firstSeenAt = instant(row, index++);
        attributes.lastInteractionAt = instant(row, index++);
        attributes.lastPurchaseAt = instant(row, index++);
        attributes.lastStoreId = row.getString(index++);
        attributes.lastStoreAt = instant(row, index++);
        attributes.storeVisits = COUNTS.convertToEntityAttribute(row.getString(index++));
        attributes.categorySpend = AMOUNTS.convertToEntityAttribute(row.getString(index++));
        attributes.engagementScore = row.getDouble(index++);
        attributes.engagementAt = instant(row, index++);
        attributes.reviewCount = row.getInt(index++);
        attributes.shareCount = row.getInt(index);
        return attributes;
    }

    /** Sets the values of {@link #COLUMNS} as statement parameters from {@code firstIndex} on; returns the next index. */
    int bind(PreparedStatement statement, int firstIndex) throws SQLException {
        int index = firstIndex;
        statement.setInt(index++, interactionCount);
        statement.setInt(index++, visitCount);
        statement.setInt(index++, purchaseCount);
        statement.setBigDecimal(index++, monetaryTotal);
        setInstant(statement, index++, firstSeenAt);
        setInstant(statement, index++, lastInteractionAt);
        setInstant(statement, index++, lastPurchaseAt);
        statement.setString(index++, lastStoreId);
        setInstant(statement, index++, lastStoreAt);
        statement.setString(index++, COUNTS.convertToDatabaseColumn(storeVisits));
        statement.setString(index++, AMOUNTS.convertToDatabaseColumn(categorySpend));
        statement.setDouble(index++, engagementScore);
        setInstant(statement, index++, engagementAt);
        statement.setInt(index++, reviewCount);
        statement.setInt(index++, shareCount);
        return index;
    }

    /** Sets a {@code timestamp with time zone} parameter, or SQL null. */
    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
    }

    private static Instant instant(ResultSet row, int index) throws SQLException {
        OffsetDateTime value = row.getObject(index, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Adds one interaction; interactions may arrive out of order. */
    void apply(InteractionFacts interaction) {
        Instant at = interaction.occurredAt();
        interactionCount++;
        firstSeenAt = earliest(firstSeenAt, at);
        lastInteractionAt = latest(lastInteractionAt, at);
        addEngagement(interaction.type().engagementWeight(), at);

        if (interaction.type().isVisit()) {
            visitCount++;
        }
        if (interaction.storeId() != null) {
            Map<String, Long> visits = new TreeMap<>(storeVisits);
            visits.merge(interaction.storeId(), 1L, Long::sum);
            storeVisits = visits;
            if (lastStoreAt == null || !at.isBefore(lastStoreAt)) {
                lastStoreId = interaction.storeId();
                lastStoreAt = at;
            }
        }
        switch (interaction.type()) {
            case PURCHASE -> addPurchase(interaction);
            case REVIEW_POSTED -> reviewCount++;
            case SOCIAL_SHARE -> shareCount++;
            default -> {
            }
        }
    }

    private void addPurchase(InteractionFacts purchase) {
        purchaseCount++;
        lastPurchaseAt = latest(lastPurchaseAt, purchase.occurredAt());
        monetaryTotal = monetaryTotal.add(purchase.amount());
        Map<String, BigDecimal> spend = new TreeMap<>(categorySpend);
        for (InteractionFacts.Line line : purchase.lines()) {
            if (line.category() != null) {
                spend.merge(line.category(), line.amount(), BigDecimal::add);
            }
        }
        categorySpend = spend;
    }

    private void addEngagement(double weight, Instant at) {
        if (engagementAt == null) {
            engagementScore = weight;
            engagementAt = at;
        } else if (at.isAfter(engagementAt)) {
            engagementScore = decay(engagementScore, engagementAt, at) + weight;
            engagementAt = at;
        } else {
            engagementScore += decay(weight, at, engagementAt);
        }
    }

    /** Engagement at {@code now}: the stored score decayed since it was computed, rounded to one decimal. */
    public double engagementScore(Instant now) {
        if (engagementAt == null) {
            return 0;
        }
        double score = now.isAfter(engagementAt) ? decay(engagementScore, engagementAt, now) : engagementScore;
        return Math.round(score * 10) / 10.0;
    }

    /** Advocacy from 0 to 100: ten points per review posted and five per social share. */
    public int advocacyScore() {
        return Math.min(100, reviewCount * 10 + shareCount * 5);
    }

    /** Whole days since the last purchase, or null when the customer never bought anything. */
    public Long recencyDays(Instant now) {
        if (lastPurchaseAt == null) {
            return null;
        }
        return Math.max(0, Duration.between(lastPurchaseAt, now).toDays());
    }

    /** The store with the most visits, the latest one on a tie; null before any visit. */
    public String favouriteStoreId() {
        return storeVisits.entrySet().stream()
                .max(Map.Entry.<String, Long>comparingByValue()
                        .thenComparing(entry -> entry.getKey().equals(lastStoreId)))
                .map(Map.Entry::getKey)
                .orElse(null);
    }

    /** Up to three categories, most money spent first. */
    public List<String> favouriteCategories() {
        return categorySpend.entrySet().stream()
                .sorted(Map.Entry.<String, BigDecimal>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(FAVOURITE_CATEGORY_COUNT)
                .map(Map.Entry::getKey)
                .toList();
    }

    private static double decay(double score, Instant from, Instant to) {
        double days = Duration.between(from, to).toSeconds() / 86_400.0;
        return score * Math.pow(0.5, days / ENGAGEMENT_HALF_LIFE_DAYS);
    }

    private static Instant earliest(Instant current, Instant candidate) {
        return current == null || candidate.isBefore(current) ? candidate : current;
    }

    private static Instant latest(Instant current, Instant candidate) {
        return current == null || candidate.isAfter(current) ? candidate : current;
    }

    public int interactionCount() {
        return interactionCount;
    }

    public int visitCount() {
        return visitCount;
    }

    public int purchaseCount() {
        return purchaseCount;
    }

    public BigDecimal monetaryTotal() {
        return monetaryTotal;
    }

    public Instant firstSeenAt() {
        return firstSeenAt;
    }

    public Instant lastInteractionAt() {
        return lastInteractionAt;
    }

    public Instant lastPurchaseAt() {
        return lastPurchaseAt;
    }

    public String lastStoreId() {
        return lastStoreId;
    }

    public int reviewCount() {
        return reviewCount;
    }

    public int shareCount() {
        return shareCount;
    }
}
