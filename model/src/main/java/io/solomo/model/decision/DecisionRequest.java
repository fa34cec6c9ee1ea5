package io.solomo.model.decision;

import io.solomo.model.Channel;
import io.solomo.model.offer.ContactContext.Trigger;

import java.time.Instant;
import java.util.Objects;

/**
 * A request for the offers to present to one customer at one moment.
 *
 * @param customerId the customer, never blank
 * @param channel    the channel of the contact, or null to let the engine pick the customer's first preferred channel
 *                   with a granted consent
 * @param latitude   WGS 84 latitude in degrees, or null when the position is unknown; given together with longitude
 * @param longitude  WGS 84 longitude in degrees, or null when the position is unknown
 * @param storeId    the store the customer is at, or null to find it from the position (or to have none)
 * @param at         the moment of contact in UTC, or null for now
 * @param maxOffers  how many offers at most, 1 to 20
 * @param trigger    what started the contact
 * @param eventId    the event that triggered the decision, or null for a direct request
 */
public record DecisionRequest(String customerId, Channel channel, Double latitude, Double longitude, String storeId,
                              Instant at, int maxOffers, Trigger trigger, String eventId) {

    public static final int MAX_OFFERS_LIMIT = 20;

    public DecisionRequest {
        if (customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("customerId is missing");
        }
        if ((latitude == null) != (longitude == null)) {
            throw new IllegalArgumentException("latitude and longitude must be given together");
        }
        if (maxOffers < 1 || maxOffers > MAX_OFFERS_LIMIT) {
            throw new IllegalArgumentException("maxOffers must be within 1.." + MAX_OFFERS_LIMIT + ", got " + maxOffers);
        }
        Objects.requireNonNull(trigger, "trigger");
    }

    public boolean hasPosition() {
        return latitude != null;
    }
}
