package io.solomo.decision.loyalty;

import io.solomo.decision.store.Store;
import io.solomo.decision.store.StoreCatalog;
import io.solomo.model.location.StoreEntered;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;

/**
 * The day of a store visit in the store's time zone. The loyalty programme counts at most one visit per customer,
 * store and day, so that walking in and out of a store in one afternoon counts once for its regulars and its points.
 */
@Component
class VisitDays {

    // A loyalty reference holds 200 characters; a longer store id is replaced by its SHA-256 in the reference.
    private static final int MAX_STORE_ID_IN_REFERENCE = 150;

    private final StoreCatalog stores;
    private final ZoneId defaultZone;

    /** @param defaultZone the time zone of a store the catalogue does not hold */
    VisitDays(StoreCatalog stores, @Value("${solomo.default-time-zone:Europe/Paris}") ZoneId defaultZone) {
        this.stores = stores;
        this.defaultZone = defaultZone;
    }

    /** Returns the visit's date in the store's time zone. */
    LocalDate localDay(StoreEntered visit) {
        return visit.occurredAt().atZone(zoneOf(visit.storeId())).toLocalDate();
    }

    /** Returns the first instant of the visit's day and the first instant of the next day. */
    Instant[] dayOf(StoreEntered visit) {
        ZoneId zone = zoneOf(visit.storeId());
        LocalDate day = visit.occurredAt().atZone(zone).toLocalDate();
        return new Instant[]{day.atStartOfDay(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant()};
    }

    /** Returns the loyalty reference of the visit's store and day, the same for every visit of that day. */
    String reference(StoreEntered visit) {
        String store = visit.storeId().length() <= MAX_STORE_ID_IN_REFERENCE ? visit.storeId() : sha256(visit.storeId());
        return "visit " + visit.occurredAt().atZone(zoneOf(visit.storeId())).toLocalDate() + " " + store;
    }

    private ZoneId zoneOf(String storeId) {
        return stores.find(storeId).map(Store::timeZone).orElse(defaultZone);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", missing);
        }
    }
}
