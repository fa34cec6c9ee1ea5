package io.solomo.decision.catalogue;

import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads and maintains the products and their complement links. */
@Service
public class ProductCatalogue {

    private static final Logger log = LoggerFactory.getLogger(ProductCatalogue.class);
    private static final RowMapper<Product> PRODUCT = (row, index) -> new Product(row.getString("product_id"),
            row.getString("name_fr"), row.getString("name_en"), row.getString("category"),
            row.getBigDecimal("price"));

    private final JdbcTemplate jdbc;
    private final Clock clock;

    ProductCatalogue(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Product> find(String productId) {
        return jdbc.query("select * from product where product_id = ?", PRODUCT, productId).stream().findFirst();
    }

    /** Returns the products with these ids, by id; unknown ids are absent from the map. */
    public Map<String, Product> findAll(Collection<String> productIds) {
        if (productIds.isEmpty()) {
            return Map.of();
        }
        String placeholders = productIds.stream().map(id -> "?").collect(Collectors.joining(", "));
        return jdbc.query("select * from product where product_id in (" + placeholders + ")", PRODUCT,
                        productIds.toArray())
                .stream().collect(Collectors.toMap(Product::productId, Function.identity()));
    }

    public List<Product> all() {
        return jdbc.query("select * from product order by product_id", PRODUCT);
    }

    /** Returns the complements of these products, in the order of the products, without repeats. */
    public List<String> complementsOf(Collection<String> productIds) {
        Set<String> complements = new LinkedHashSet<>();
        for (String productId : productIds) {
            complements.addAll(jdbc.queryForList("select complement_id from product_complement "
                    + "where product_id = ? order by complement_id", String.class, productId));
        }
        return List.copyOf(complements);
    }

    /** Creates the product or replaces its names, category and price. */
    @Transactional
    public void save(Product product) {
        int updated = jdbc.update("update product set name_fr = ?, name_en = ?, category = ?, price = ?, "
                        + "updated_at = ? where product_id = ?", product.nameFr(), product.nameEn(),
                product.category(), product.price(), clock.instant().atOffset(ZoneOffset.UTC), product.productId());
        if (updated == 0) {
            jdbc.update("insert into product (product_id, name_fr, name_en, category, price, updated_at) "
                            + "values (?, ?, ?, ?, ?, ?)", product.productId(), product.nameFr(), product.nameEn(),
                    product.category(), product.price(), clock.instant().atOffset(ZoneOffset.UTC));
        }
        log.info("Product {} saved in category {}", product.productId(), product.category());
    }

    /**
     * Replaces the complements of a product.
     *
     * @throws NotFoundException     when the product is unknown
     * @throws InvalidFieldException naming the first unknown complement, or the product itself
     */
    @Transactional
    public void replaceComplements(String productId, List<String> complementIds) {
        if (find(productId).isEmpty()) {
            throw new NotFoundException("product", "productId", productId);
        }
        Map<String, Product> known = findAll(complementIds);
        for (int index = 0; index < complementIds.size(); index++) {
            String complementId = complementIds.get(index);
            if (!known.containsKey(complementId)) {
                throw new InvalidFieldException("complementIds[" + index + "]", complementId,
                        "product " + complementId + " is not in the catalogue; create it first");
            }
            if (complementId.equals(productId)) {
                throw new InvalidFieldException("complementIds[" + index + "]", complementId,
                        "a product cannot complement itself");
            }
        }

        jdbc.update("delete from product_complement where product_id = ?", productId);
        for (String complementId : new LinkedHashSet<>(complementIds)) {
            jdbc.update("insert into product_complement (product_id, complement_id) values (?, ?)", productId,
                    complementId);
        }
        log.info("Product {} now has {} complements", productId, complementIds.size());
    }
}
