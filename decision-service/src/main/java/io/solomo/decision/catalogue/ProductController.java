package io.solomo.decision.catalogue;

import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.NotFoundException;
import io.solomo.decision.web.RejectUnknownFields;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The product catalogue API: anyone signed in reads it, marketers change it. A product is written whole with
 * {@code PUT}, and its complements are replaced as a list of product ids.
 */
@RestController
class ProductController {

    static final int MAX_ID_LENGTH = 100;
    static final int MAX_TEXT_LENGTH = 200;

    private final ProductCatalogue catalogue;

    ProductController(ProductCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping("/api/v1/products")
    List<ProductView> list() {
        return catalogue.all().stream().map(this::view).toList();
    }

    @GetMapping("/api/v1/products/{productId}")
    ProductView get(@PathVariable String productId) {
        return catalogue.find(productId).map(this::view)
                .orElseThrow(() -> new NotFoundException("product", "productId", productId));
    }

    @PutMapping("/api/v1/products/{productId}")
    ProductView put(@PathVariable String productId, @RequestBody ProductBody body) {
        if (body == null) {
            throw new InvalidFieldException("product", null, "the body must be {nameFr, nameEn, category, price}");
        }
        Product product = new Product(text("productId", productId, MAX_ID_LENGTH), text("nameFr", body.nameFr(),
                MAX_TEXT_LENGTH), text("nameEn", body.nameEn(), MAX_TEXT_LENGTH),
                text("category", body.category(), MAX_TEXT_LENGTH), price(body.price()));

        catalogue.save(product);

        return view(product);
    }

    @PutMapping("/api/v1/products/{productId}/complements")
    ProductView putComplements(@PathVariable String productId, @RequestBody ComplementsBody body) {
        if (body == null || body.complementIds() == null) {
            throw new InvalidFieldException("complementIds", null, "complementIds, a list of product ids, is missing");
        }

        catalogue.replaceComplements(productId, body.complementIds());

        return get(productId);
    }

    private ProductView view(Product product) {
        return new ProductView(product.productId(), product.nameFr(), product.nameEn(), product.category(),
                product.price(), catalogue.complementsOf(List.of(product.productId())));
    }

    private static String text(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, value, field + " is missing");
        }
        String trimmed = value.trim();
        if (trimmed.length() > maxLength) {
            throw new InvalidFieldException(field, trimmed, field + " must have at most " + maxLength
                    + " characters");
        }
        return trimmed;
    }

    private static BigDecimal price(BigDecimal price) {
        if (price == null || price.signum() < 0 || price.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
            throw new InvalidFieldException("price", price, "price must be between 0 and 1,000,000 euros");
        }
        // Rounding a price with a huge scale, such as 1e-30000000, would take minutes of a request thread.
        if (price.stripTrailingZeros().scale() > 2) {
            throw new InvalidFieldException("price", price, "price must have at most 2 decimals (cents), got "
                    + price);
        }
        return price.setScale(2, RoundingMode.UNNECESSARY);
    }

    /** A product as written by a marketer; the id comes from the path. */
    @RejectUnknownFields
    record ProductBody(String nameFr, String nameEn, String category, BigDecimal price) {
    }

    @RejectUnknownFields
    record ComplementsBody(List<String> complementIds) {
    }

    record ProductView(String productId, String nameFr, String nameEn, String category, BigDecimal price,
                       List<String> complementIds) {
    }
}
