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
 * rules saw and that are known for sure. The record stores the channel, trigger, store and moment of contact.
 *
 * <p>The store's chain and time zone, whether it was open and whether the customer was its regular come from the
 * {@link DecisionFacts} stored with the decision, as do the customer's loyalty tier, language, profile
 * scores, favourite categories and segments.
 * A decision stored before those facts were kept, or whose customer's data was erased, has none. Its store's chain
 * and time zone then come from the store catalogue, and only while the store has not been imported again since the
 * decision. Conditions on its other facts are not reported.
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

        DecisionFacts facts = decision.factsJson() == null ? null
                : json.readValue(decision.factsJson(), DecisionFacts.class);
        Optional<ZoneId> timeZone;
        if (facts != null && facts.contact() != null) {
            DecisionFacts.ContactProperties seen = facts.contact();
            contact.put("storeChain", seen.storeChain());
            contact.put("openNow", seen.openNow());
            contact.put("regularHere", seen.regularHere());
            timeZone = Optional.of(ZoneId.of(seen.timeZone()));
        } else {
            timeZone = catalogueTimeZone(decision, contact);
        }

        ZonedDateTime localTime = timeZone.map(decision.contactAt()::atZone).orElse(null);
        if (localTime != null) {
            contact.put("dayOfWeek", localTime.getDayOfWeek());
            contact.put("hour", localTime.getHour());
        }
        return new Known(new KnownFacts(contact, customerOf(facts)), localTime);
    }

    /**
     * Returns the time zone of a decision stored without its contact facts, and puts its store's chain, both from
     * the store catalogue. Returns empty when the store has been imported again since the decision.
     */
    private Optional<ZoneId> catalogueTimeZone(DecisionRecord decision, Map<String, Object> contact) {
        if (decision.storeId() == null) {
            contact.put("storeChain", null);
            // NOTE: this is the default time zone set now, which is the one the decision used unless the setting
            // changed since.
            return Optional.of(defaultTimeZone);
        }
        Optional<Store> store = stores.find(decision.storeId())
                .filter(found -> !found.importedAt().isAfter(decision.decidedAt()));
        store.ifPresent(found -> contact.put("storeChain", found.chain()));
        return store.map(Store::timeZone);
    }

    /**
     * Returns the stored customer properties that rules compare with a value, by the names rules use, or none when
     * the decision has no stored facts. The lists of channels are left out. {@code segments} is left out of a
     * decision stored before segments existed, because it is then unknown rather than empty.
     */
    private static Map<String, Object> customerOf(DecisionFacts facts) {
        DecisionFacts.CustomerProperties customer = facts == null ? null : facts.customer();
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
        if (customer.favouriteCategories() != null) {
            properties.put("favouriteCategories", customer.favouriteCategories());
        }
        if (customer.segments() != null) {
            properties.put("segments", customer.segments());
        }
        return properties;
    }
}
