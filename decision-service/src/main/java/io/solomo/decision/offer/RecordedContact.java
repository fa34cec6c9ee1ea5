package io.solomo.decision.offer;

import io.solomo.decision.SettingChecks;
import io.solomo.decision.store.Store;
import io.solomo.decision.store.StoreCatalog;
import io.solomo.model.Channel;
import io.solomo.model.offer.ContactContext;
import io.solomo.rules.KnownFacts;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Rebuilds, from a stored decision, the properties of the {@link ContactContext} that the rules saw and that are
 * known for sure. The record stores the channel, trigger, store and moment of contact. The store's chain and time
 * zone come from the store catalogue, and only while the store has not been imported again since the decision.
 *
 * <p>The customer's facts (loyalty tier, language, profile scores) and the store's opening state and regular are not
 * stored with a decision, so conditions on them are never reported.
 */
@Component
class RecordedContact {

    private final StoreCatalog stores;
    private final ZoneId defaultTimeZone;

    RecordedContact(StoreCatalog stores, @Value("${solomo.default-time-zone}") String defaultTimeZone) {
        this.stores = stores;
        this.defaultTimeZone = SettingChecks.zoneId("solomo.default-time-zone", defaultTimeZone);
    }

    /**
     * The known facts of a stored decision's contact.
     *
     * @param facts     the properties known, by the names that rules use
     * @param localTime the moment of contact in the time zone the rules used, or null when that zone is not known
     */
    record Known(KnownFacts facts, ZonedDateTime localTime) {
    }

    Known of(DecisionRecord decision) {
        Map<String, Object> contact = new HashMap<>();
        contact.put("channel", Channel.valueOf(decision.channel()));
        contact.put("trigger", ContactContext.Trigger.valueOf(decision.triggerType()));
        contact.put("storeId", decision.storeId());
        contact.put("atStore", decision.storeId() != null);

        Optional<ZoneId> timeZone = Optional.empty();
        if (decision.storeId() == null) {
            contact.put("storeChain", null);
            // NOTE: this is the default time zone set now, which is the one the decision used unless the setting
            // changed since.
            timeZone = Optional.of(defaultTimeZone);
        } else {
            Optional<Store> store = stores.find(decision.storeId())
                    .filter(found -> !found.importedAt().isAfter(decision.decidedAt()));
            if (store.isPresent()) {
                contact.put("storeChain", store.get().chain());
                timeZone = Optional.of(store.get().timeZone());
            }
        }

        ZonedDateTime localTime = timeZone.map(decision.contactAt()::atZone).orElse(null);
        if (localTime != null) {
            contact.put("dayOfWeek", localTime.getDayOfWeek());
            contact.put("hour", localTime.getHour());
        }
        return new Known(new KnownFacts(contact, Map.of()), localTime);
    }
}
