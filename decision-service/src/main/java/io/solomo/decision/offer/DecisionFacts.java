package io.solomo.decision.offer;

import io.solomo.model.Channel;
import io.solomo.model.Language;
import io.solomo.model.LoyaltyTier;
import io.solomo.model.offer.ContactContext;
import io.solomo.model.offer.ContactContext.Trigger;
import io.solomo.model.offer.CustomerFacts;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The facts the offer rules saw for one decision, stored with it as JSON in {@code decision_record.facts_json}. The
 * properties carry the names that rules use on {@code CustomerFacts} and {@code ContactContext}, so that a why-not
 * request can match them with a rule's conditions.
 *
 * @param customer the customer's facts
 * @param contact  the moment of contact
 */
record DecisionFacts(CustomerProperties customer, ContactProperties contact) {

    static DecisionFacts of(CustomerFacts facts, ContactContext context, ZonedDateTime localTime) {
        return new DecisionFacts(CustomerProperties.of(facts), ContactProperties.of(context, localTime));
    }

    /**
     * The {@code CustomerFacts} without the customer id, which the decision stores in its own column.
     * {@code consentedChannels} is in the order of {@link Channel}, so that equal facts give equal JSON.
     * {@code segments}, the ids of the customer's named segments in id order, is null in decisions stored before
     * segments existed.
     */
    record CustomerProperties(LoyaltyTier loyaltyTier, Language language, List<Channel> preferredChannels,
                              List<Channel> consentedChannels, int visitCount, int purchaseCount, long recencyDays,
                              double monetaryValue, String favouriteStoreId, String lastStoreId,
                              List<String> favouriteCategories, double engagementScore, int advocacyScore,
                              List<String> segments) {

        static CustomerProperties of(CustomerFacts facts) {
            List<Channel> consented = facts.getConsentedChannels().stream().sorted().toList();
            return new CustomerProperties(facts.getLoyaltyTier(), facts.getLanguage(),
                    facts.getPreferredChannels(), consented, facts.getVisitCount(), facts.getPurchaseCount(),
                    facts.getRecencyDays(), facts.getMonetaryValue(), facts.getFavouriteStoreId(), facts.getLastStoreId(),
                    facts.getFavouriteCategories(), facts.getEngagementScore(), facts.getAdvocacyScore(),
                    facts.getSegments());
        }
    }

    /**
     * The {@code ContactContext}, with the moment of contact in the time zone the rules used.
     *
     * @param localTime the moment of contact with its offset, such as {@code 2026-12-04T10:15:00+01:00}
     * @param timeZone  the time zone of the contact's store, or the default time zone away from stores
     * @param openNow   whether the store was open, or null when unknown
     */
    record ContactProperties(Channel channel, Trigger trigger, String storeId, String storeChain,
                             boolean atStore, DayOfWeek dayOfWeek, int hour, String localTime, String timeZone,
                             Boolean openNow, boolean regularHere) {

        static ContactProperties of(ContactContext context, ZonedDateTime localTime) {
            return new ContactProperties(context.getChannel(), context.getTrigger(), context.getStoreId(),
                    context.getStoreChain(), context.isAtStore(), context.getDayOfWeek(), context.getHour(),
                    localTime.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), localTime.getZone().getId(),
                    context.getOpenNow(), context.isRegularHere());
        }
    }
}
