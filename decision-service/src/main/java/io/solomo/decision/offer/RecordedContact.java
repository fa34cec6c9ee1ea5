package io.solomo.decision.offer;

import io.solomo.decision.SettingChecks;
import io.solomo.decision.store.Store;
import io.solomo.decision.store.StoreCatalog;
import io.solomo.model.Channel;
import io.solomo.model.offer.ContactContext;
import io.solomo.rules.KnownFacts;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Rebuilds, from a stored decision, the properties of the {@link ContactContext} and the customer's facts that the
 * rules saw and that are known for sure. The record stores the channel, trigger, store and moment of contact. The
 * store's chain and time zone come from the store catalogue, and only while the store has not been imported again
 * since the decision.
 *
 * <p>The customer's loyalty tier, language and profile scores come from the {@link DecisionFacts} stored with the
 * decision. A decision stored before they were kept, or whose customer's data was erased, has none, so conditions
 * on them are not reported. The store's opening state and regular are not read here yet.
 */
@Component
class RecordedContact {

    private final StoreCatalog stores;
    private final ZoneId defaultTimeZone;
    private final ObjectMapper json;

    RecordedContact(StoreCatalog stores, @Value("${solomo.default-time-zone}") String defaultTimeZone,
                    ObjectMapper json) {
        this.stores = stores;
        this.defaultTimeZone = SettingChecks.zoneId("solomo.default-time-zone", defaultTimeZone);
        this.json = json;
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
        return new Known(new KnownFacts(contact, customerOf(decision)), localTime);
    }

    /**
     * Returns the stored customer properties that rules compare with a value, by the names rules use, or none when
     * the decision has no stored facts. The lists of channels and categories are left out.
     */
    private Map<String, Object> customerOf(DecisionRecord decision) {
        if (decision.factsJson() == null) {
            return Map.of();
        }
        DecisionFacts.CustomerProperties customer = json.readValue(decision.factsJson(), DecisionFacts.class)
                .customer();
        if (customer == null) {
            return Map.of();
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put("loyaltyTier", customer.loyaltyTier());
        properties.put("language", customer.language());
        properties.put("visitCount", customer.visitCount());
        properties.put("purchaseCount", customer.purchaseCount());
        properties.put("recencyDays", customer.recencyDays());
        properties.put("monetaryValue", customer.monetaryValue());
        properties.put("engagementScore", customer.engagementScore());
        properties.put("advocacyScore", customer.advocacyScore());
        properties.put("favouriteStoreId", customer.favouriteStoreId());
        properties.put("lastStoreId", customer.lastStoreId());
        return properties;
    }
}
