package io.solomo.routes;

/** Endpoint URIs shared by the routes and the code that feeds them. */
public final class Endpoints {

    /**
     * Accepted location fixes, a {@code List<LocationFix>} per message, sent as a request: the route applies them on
     * its own threads, queued by device, and replies once all of them are stored, with the {@code Set<String>} of
     * their event ids that were already stored.
     */
    public static final String LOCATION_EVENTS = "direct:location-events";

    /** One {@code DeliveryOrder} per message, sent on to the configured channel endpoint. */
    public static final String OUTBOUND_DELIVERY = "direct:outbound-delivery";

    /** The default: stores the delivery in the outbox, from which the server sends it. */
    public static final String RECORD_DELIVERY = "direct:record-delivery";

    private Endpoints() {
    }
}
