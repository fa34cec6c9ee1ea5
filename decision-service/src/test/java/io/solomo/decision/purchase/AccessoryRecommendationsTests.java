package io.solomo.decision.purchase;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AccessoryRecommendationsTests {

    @Test
    void complementsBeforeFrequentCoPurchases() {
        List<Set<String>> baskets = List.of(Set.of("PHONE", "EARBUDS"), Set.of("PHONE", "EARBUDS", "CABLE"),
                Set.of("PHONE", "CABLE"), Set.of("PHONE", "EARBUDS"), Set.of("TABLET", "STYLUS"));

        List<String> ranked = AccessoryRecommendations.rank(List.of("PHONE"), List.of("CASE", "GLASS"), baskets,
                Set.of("PHONE"));

        assertThat(ranked).containsExactly("CASE", "GLASS", "EARBUDS", "CABLE");
    }

    @Test
    void skipsProductsAlreadyBought() {
        List<Set<String>> baskets = List.of(Set.of("PHONE", "EARBUDS"), Set.of("PHONE", "CASE"));

        List<String> ranked = AccessoryRecommendations.rank(List.of("PHONE"), List.of("CASE", "GLASS"), baskets,
                Set.of("PHONE", "CASE", "EARBUDS"));

        assertThat(ranked).containsExactly("GLASS");
    }

    @Test
    void ignoresUnrelatedBaskets() {
        List<Set<String>> baskets = List.of(Set.of("TABLET", "STYLUS"), Set.of("PHONE", "CHARGER"));

        List<String> ranked = AccessoryRecommendations.rank(List.of("PHONE"), List.of(), baskets, Set.of("PHONE"));

        assertThat(ranked).containsExactly("CHARGER");
    }

    @Test
    void readsStoredPurchaseProducts() {
        String attributes = """
                {"storeId": "S1", "lines": [{"product": "PHONE", "amount": 499}, {"amount": 5},
                 {"product": "CASE", "amount": 19.9}]}""";

        Set<String> products = AccessoryRecommendations.products(attributes);

        assertThat(products).containsExactly("PHONE", "CASE");
    }
}
