package io.solomo.decision.catalogue;

import io.solomo.model.Language;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A product of the catalogue.
 *
 * @param price the unit price in euros
 */
public record Product(String productId, String nameFr, String nameEn, String category, BigDecimal price) {

    public Product {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(nameFr, "nameFr");
        Objects.requireNonNull(nameEn, "nameEn");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(price, "price");
    }

    /** Returns the name a customer reads in this language. */
    public String name(Language language) {
        return language == Language.EN ? nameEn : nameFr;
    }
}
