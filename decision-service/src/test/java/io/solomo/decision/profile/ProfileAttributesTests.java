package io.solomo.decision.profile;

import io.solomo.model.LoyaltyTier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        LoyaltyTier silver = SpendTiers.DEFAULTS.tierFor(attributes.monetaryTotal());
        attributes.apply(new InteractionFacts(InteractionType.PURCHASE, DAY_ONE, null, new BigDecimal("0.01"),
                List.of()));

        assertThat(silver).isEqualTo(LoyaltyTier.SILVER);
        assertThat(SpendTiers.DEFAULTS.tierFor(attributes.monetaryTotal())).isEqualTo(LoyaltyTier.GOLD);
        assertThat(attributes.favouriteCategories()).containsExactly("electronics");
    }

    @Test
    void spendTiersFollowSettings() {
        SpendTiers small = new SpendTiers(new BigDecimal("50"), new BigDecimal("150.50"), new BigDecimal("400"));

        assertThat(small.tierFor(new BigDecimal("49.99"))).isEqualTo(LoyaltyTier.BRONZE);
        assertThat(small.tierFor(new BigDecimal("50"))).isEqualTo(LoyaltyTier.SILVER);
        assertThat(small.tierFor(new BigDecimal("150.50"))).isEqualTo(LoyaltyTier.GOLD);
        assertThat(small.tierFor(new BigDecimal("400.00"))).isEqualTo(LoyaltyTier.PLATINUM);
    }

    @Test
    void spendTiersBindFromSettings() {
        Binder settings = new Binder(new MapConfigurationPropertySource(
                Map.of("solomo.datamart.spend-tiers.gold-from", "220")));

        SpendTiers bound = settings.bindOrCreate("solomo.datamart.spend-tiers", SpendTiers.class);

        assertThat(bound.silverFrom()).isEqualByComparingTo("200");
        assertThat(bound.goldFrom()).isEqualByComparingTo("220");
        assertThat(bound.platinumFrom()).isEqualByComparingTo("5000");
        assertThat(bound).isEqualTo(new SpendTiers(new BigDecimal("200"), new BigDecimal("220"),
                new BigDecimal("5000")));
    }

    @Test
    void spendTiersMustRise() {
        assertThatThrownBy(() -> new SpendTiers(new BigDecimal("500"), new BigDecimal("500"), new BigDecimal("900")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("silver-from 500, gold-from 500, platinum-from 900");
        assertThatThrownBy(() -> new SpendTiers(BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.TEN))
                .hasMessageContaining("positive");
    }

    private static InteractionFacts visit(String storeId, Instant at) {
        return new InteractionFacts(InteractionType.STORE_VISIT, at, storeId, BigDecimal.ZERO, List.of());
    }
}
