package io.solomo.decision.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import java.nio.file.Path;

/** The geofence index bean and the optional store import at start-up ({@code solomo.stores.import-file}). */
@Configuration
class StoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StoreConfiguration.class);

    private final String importFile;

    StoreConfiguration(@Value("${solomo.stores.import-file:}") String importFile) {
        this.importFile = importFile;
    }

    @Bean
    GeofenceIndex geofenceIndex() {
        return new GeofenceIndex();
    }

    @EventListener(ApplicationReadyEvent.class)
    void importStoresAtStartup(ApplicationReadyEvent event) {
        if (importFile == null || importFile.isBlank()) {
            return;
        }
        StoreImportReport report = event.getApplicationContext().getBean(StoreCatalog.class)
                .importFile(Path.of(importFile));
        for (StoreImportReport.Rejection rejection : report.rejected()) {
            log.warn("Store file {}: feature {} rejected: {}", importFile, rejection.index(), rejection.reason());
        }
    }
}
