package io.solomo.routes;

import io.solomo.model.delivery.DeliveryLog;
import io.solomo.model.delivery.DeliveryOrder;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * Outbound delivery: {@link Endpoints#OUTBOUND_DELIVERY} forwards each order to the endpoint set by
 * {@code solomo.delivery.endpoint}. The default, {@link Endpoints#RECORD_DELIVERY}, stores the delivery with status
 * {@code QUEUED} in the {@link DeliveryLog}, the server's outbox, whose dispatcher sends it on its channel; an order
 * already in the outbox is left as it is.
 */
public class DeliveryRoutes extends RouteBuilder {

    static final String DELIVERY_HEADER = "solomoDeliveryId";

    private final DeliveryLog deliveryLog;

    public DeliveryRoutes(DeliveryLog deliveryLog) {
        this.deliveryLog = deliveryLog;
    }

    @Override
    public void configure() {
        from(Endpoints.OUTBOUND_DELIVERY)
                .routeId("outbound-delivery")
                .to("{{solomo.delivery.endpoint:" + Endpoints.RECORD_DELIVERY + "}}");

        from(Endpoints.RECORD_DELIVERY)
                .routeId("record-delivery")
                .process(this::record)
                .log(LoggingLevel.INFO, "Queued offer ${body.offer().offerId()} to customer ${body.customerId()} "
                        + "on ${body.offer().channel()} as delivery ${header." + DELIVERY_HEADER + "}, "
                        + "decision ${body.decisionId()}");
    }

    private void record(Exchange exchange) throws InvalidPayloadException {
        DeliveryOrder order = exchange.getMessage().getMandatoryBody(DeliveryOrder.class);
        exchange.getMessage().setHeader(DELIVERY_HEADER, deliveryLog.record(order, "QUEUED"));
    }
}
