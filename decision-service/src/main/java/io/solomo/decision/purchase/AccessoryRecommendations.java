package io.solomo.decision.purchase;

import io.solomo.decision.catalogue.Product;
import io.solomo.decision.catalogue.ProductCatalogue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recommends accessories for a purchase: first the catalogue's complements of the products bought, then the
 * products most often bought together with them in the datamart's purchases. A product the customer has bought
 * before, or is buying now, is never recommended.
 */
@Component
class AccessoryRecommendations {

    static final int MAX_RECOMMENDATIONS = 3;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final ProductCatalogue catalogue;

    AccessoryRecommendations(JdbcTemplate jdbc, ProductCatalogue catalogue) {
        this.jdbc = jdbc;
        this.catalogue = catalogue;
    }

    /** Returns at most {@value #MAX_RECOMMENDATIONS} catalogue products, best first; empty when none fits. */
    List<Product> recommend(String customerId, List<String> purchased) {
        // NOTE: reads every PURCHASE interaction to count co-purchases. A large datamart needs a co-purchase
        // table updated as purchases arrive.
        List<Basket> baskets = jdbc.query("select customer_id, attributes_json from interaction "
                        + "where interaction_type = 'PURCHASE'",
                (row, index) -> new Basket(row.getString("customer_id"), products(row.getString("attributes_json"))));
        Set<String> alreadyBought = new LinkedHashSet<>(purchased);
        for (Basket basket : baskets) {
            if (basket.customerId().equals(customerId)) {
                alreadyBought.addAll(basket.products());
            }
        }

        List<String> ranked = rank(purchased, catalogue.complementsOf(purchased),
                baskets.stream().map(Basket::products).toList(), alreadyBought);
        Map<String, Product> products = catalogue.findAll(ranked);
        return ranked.stream().filter(products::containsKey).map(products::get).limit(MAX_RECOMMENDATIONS).toList();
    }

    /**
     * Ranks the candidates: complements in their given order, then the products found in the same baskets as a
     * purchased product, most frequent first and by id on ties, without any product of {@code alreadyBought}.
     */
    static List<String> rank(Collection<String> purchased, List<String> complements, List<Set<String>> baskets,
                             Set<String> alreadyBought) {
        Map<String, Integer> together = new HashMap<>();
        for (Set<String> basket : baskets) {
            if (basket.stream().noneMatch(purchased::contains)) {
                continue;
            }
            for (String product : basket) {
                if (!purchased.contains(product)) {
                    together.merge(product, 1, Integer::sum);
                }
            }
        }
        List<String> coPurchased = new ArrayList<>(together.keySet());
        coPurchased.sort(Comparator.<String>comparingInt(together::get).reversed().thenComparing(Comparator.naturalOrder()));

        Set<String> ranked = new LinkedHashSet<>(complements);
        ranked.addAll(coPurchased);
        ranked.removeAll(alreadyBought);
        return List.copyOf(ranked);
    }

    /** Returns the product ids of a stored PURCHASE interaction's lines. */
    static Set<String> products(String attributesJson) {
        Set<String> products = new LinkedHashSet<>();
        JsonNode lines = JSON.readTree(attributesJson).get("lines");
        if (lines != null && lines.isArray()) {
            for (JsonNode line : lines) {
                JsonNode product = line.get("product");
                if (product != null && product.isString()) {
                    products.add(product.asString());
                }
            }
        }
        return products;
    }

    private record Basket(String customerId, Set<String> products) {
    }
}
