package io.solomo.decision.delivery;

import io.solomo.model.decision.ChosenOffer;
import io.solomo.model.delivery.DeliveryLog;
import io.solomo.model.delivery.DeliveryOrder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.UUID;

/**
 * Stores deliveries in the database. Recording the same decision and offer twice returns the first delivery's id,
 * so a replayed route does not deliver twice.
 */
@Service
class RecordedDeliveryLog implements DeliveryLog {

    private final DeliveryRepository deliveries;
    private final Clock clock;

    RecordedDeliveryLog(DeliveryRepository deliveries, Clock clock) {
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @Override
    @Transactional
    public String record(DeliveryOrder order, String status) {
        ChosenOffer offer = order.offer();
        return deliveries.findByDecisionIdAndOfferId(order.decisionId(), offer.offerId())
                .map(Delivery::deliveryId)
                .orElseGet(() -> deliveries.save(new Delivery(UUID.randomUUID().toString(), order.decisionId(),
                        order.customerId(), offer.offerId(), offer.storeId(), offer.channel().name(), status,
                        offer.message(), offer.couponCode(), offer.routeUrl(), order.eventId(), clock.instant()))
                        .deliveryId());
    }
}
