package io.solomo.decision.profile;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileAttributesTests {

    private static final Instant DAY_ONE = Instant.parse("2026-11-01T10:00:00Z");

    @Test
    void engagementHalvesEveryThirtyDays() {
        ProfileAttributes attributes = ProfileAttributes.empty();

        attributes.apply(visit("demo-a", DAY_ONE));

        assertThat(attributes.engagementScore(DAY_ONE)).isEqualTo(3.0);
        assertThat(attributes.engagementScore(DAY_ONE.plusSeconds(30L * 86_400))).isEqualTo(1.5);
    }

    @Test
    void lateInteractionDoesNotMoveLastStore() {
        ProfileAttributes attributes = ProfileAttributes.empty();

        attributes.apply(visit("demo-new", DAY_ONE.plusSeconds(3_600)));
        attributes.apply(visit("demo-old", DAY_ONE));

        assertThat(attributes.lastStoreId()).isEqualTo("demo-new");
        assertThat(attributes.firstSeenAt()).isEqualTo(DAY_ONE);
        assertThat(attributes.visitCount()).isEqualTo(2);
    }

    @Test
    void favouriteStoreIsTheMostVisited() {
        ProfileAttributes attributes = ProfileAttributes.empty();

        attributes.apply(visit("demo-a", DAY_ONE));
        attributes.apply(visit("demo-a", DAY_ONE.plusSeconds(60)));
        attributes.apply(visit("demo-b", DAY_ONE.plusSeconds(120)));

        assertThat(attributes.favouriteStoreId()).isEqualTo("demo-a");
        assertThat(attributes.lastStoreId()).isEqualTo("demo-b");
    }

    @Test
    void spendEarnsTiers() {
        ProfileAttributes attributes = ProfileAttributes.empty();

        attributes.apply(new InteractionFacts(InteractionType.PURCHASE, DAY_ONE, null, new BigDecimal("999.99"),
                List.of(new InteractionFacts.Line("TV", "electronics", 1, new BigDecimal("999.99")))));
        var silver = attributes.earnedTier();
        attributes.apply(new InteractionFacts(InteractionType.PURCHASE, DAY_ONE, null, new BigDecimal("0.01"),
                List.of()));

        assertThat(silver).isEqualTo(io.solomo.model.LoyaltyTier.SILVER);
        assertThat(attributes.earnedTier()).isEqualTo(io.solomo.model.LoyaltyTier.GOLD);
        assertThat(attributes.favouriteCategories()).containsExactly("electronics");
    }

    private static InteractionFacts visit(String storeId, Instant at) {
        return new InteractionFacts(InteractionType.STORE_VISIT, at, storeId, BigDecimal.ZERO, List.of());
    }
}
