package io.solomo.decision.store;

import io.solomo.decision.support.DemoServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** Stores written by another node, here straight into the table, reach this node's in-memory copy at a reload. */
class StoreCatalogReloadIntegrationTests extends DemoServer {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Autowired
    private StoreCatalog catalog;

    @Autowired
    private StoreRepository stores;

    @Autowired
    private TransactionTemplate transaction;

    @Test
    void reloadSeesAStoreReimportedElsewhere() {
        Instant firstImport = Instant.now();
        saveElsewhere(Store.withCircle("reload-renamed", "Before", "Demo", 48.85, 2.35, 80, PARIS, firstImport));
        catalog.reloadStores();
        saveElsewhere(Store.withCircle("reload-renamed", "After", "Demo", 48.85, 2.35, 80, PARIS,
                firstImport.plusSeconds(1)));

        catalog.reloadStores();

        assertThat(catalog.find("reload-renamed")).map(Store::name).contains("After");
    }

    @Test
    void reloadSeesAStoreDeletedElsewhere() {
        saveElsewhere(Store.withCircle("reload-deleted", "Gone soon", "Demo", 48.86, 2.34, 80, PARIS,
                Instant.now()));
        catalog.reloadStores();
        assertThat(catalog.find("reload-deleted")).isPresent();
        transaction.executeWithoutResult(status -> stores.deleteById("reload-deleted"));

        catalog.reloadStores();

        assertThat(catalog.find("reload-deleted")).isEmpty();
    }

    @Test
    void versionChangesWithEveryImportAndDeletion() {
        StoreRepository.Version before = stores.version();

        saveElsewhere(Store.withCircle("reload-version", "Counted", "Demo", 48.87, 2.33, 80, PARIS,
                Instant.now()));
        StoreRepository.Version afterImport = stores.version();
        transaction.executeWithoutResult(status -> stores.deleteById("reload-version"));
        StoreRepository.Version afterDelete = stores.version();

        assertThat(afterImport).isNotEqualTo(before);
        assertThat(afterImport.stores()).isEqualTo(before.stores() + 1);
        assertThat(afterDelete.stores()).isEqualTo(before.stores());
        assertThat(afterDelete).isNotEqualTo(afterImport);
    }

    private void saveElsewhere(Store store) {
        transaction.executeWithoutResult(status -> stores.save(store));
    }
}
