package io.solomo.decision.demo;

import io.solomo.decision.catalogue.Product;
import io.solomo.decision.catalogue.ProductCatalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.util.List;

/**
 * Loads the demo product catalogue on first start when {@code solomo.demo.load-data} is true: a phone and a
 * tablet with their accessories, linked as complements. Nothing is loaded when the phone exists.
 */
@Component
@ConditionalOnProperty(name = "solomo.demo.load-data", havingValue = "true")
class DemoCatalogueLoader {

    static final String PHONE = "PHONE-X1";

    private static final Logger log = LoggerFactory.getLogger(DemoCatalogueLoader.class);

    private final ProductCatalogue catalogue;
    private final TransactionTemplate transaction;

    DemoCatalogueLoader(ProductCatalogue catalogue, TransactionTemplate transaction) {
        this.catalogue = catalogue;
        this.transaction = transaction;
    }

    @EventListener(ApplicationStartedEvent.class)
    void loadOnFirstStart() {
        if (catalogue.find(PHONE).isPresent()) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            List.of(
                    new Product(PHONE, "Smartphone X1", "X1 smartphone", "phones", new BigDecimal("499.00")),
                    new Product("TABLET-T10", "Tablette T10", "T10 tablet", "tablets", new BigDecimal("349.00")),
                    new Product("CASE-X1", "Coque de protection X1", "X1 protective case", "accessories",
                            new BigDecimal("19.90")),
                    new Product("SCREEN-GLASS-X1", "Verre trempé X1", "X1 tempered glass", "accessories",
                            new BigDecimal("14.90")),
                    new Product("CHARGER-30W", "Chargeur rapide 30 W", "30 W fast charger", "accessories",
                            new BigDecimal("24.90")),
                    new Product("EARBUDS-AIR", "Écouteurs sans fil Air", "Air wireless earbuds", "audio",
                            new BigDecimal("79.00")),
                    new Product("STYLUS-T10", "Stylet T10", "T10 stylus", "accessories", new BigDecimal("39.00")))
                    .forEach(catalogue::save);
            catalogue.replaceComplements(PHONE, List.of("CASE-X1", "SCREEN-GLASS-X1", "CHARGER-30W"));
            catalogue.replaceComplements("TABLET-T10", List.of("STYLUS-T10", "CHARGER-30W"));
        });
        log.info("Demo catalogue loaded: products {} and TABLET-T10 with their accessories", PHONE);
    }
}
