package io.solomo.decision.delivery;

import io.solomo.model.decision.ChosenOffer;
import io.solomo.model.delivery.DeliveryLog;
import io.solomo.model.delivery.DeliveryOrder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Stores deliveries in the outbox. An order whose decision and offer are already there (the offer engine queues
 * the deliveries of event-triggered decisions itself) returns the existing delivery's id and changes nothing, so a
 * replayed route does not deliver twice. An order not yet there is stored with the given status; {@code QUEUED}
 * hands it to the dispatcher.
 */
@Service
class RecordedDeliveryLog implements DeliveryLog {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    RecordedDeliveryLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    @Transactional
    public String record(DeliveryOrder order, String status) {
        ChosenOffer offer = order.offer();
        List<String> existing = jdbc.queryForList("select delivery_id from delivery where decision_id = ? "
                + "and offer_id = ?", String.class, order.decisionId(), offer.offerId());
        if (!existing.isEmpty()) {
            return existing.get(0);
        }
        String deliveryId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        jdbc.update("""
                insert into delivery (delivery_id, decision_id, customer_id, offer_id, store_id, channel, status,
                    title, message, coupon_code, qr_code_url, route_url, geo_uri, event_id, attempts,
                    next_attempt_at, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)""",
                deliveryId, order.decisionId(), order.customerId(), offer.offerId(), offer.storeId(),
                offer.channel().name(), DeliveryStatus.valueOf(status).name(), offer.title(),
                // The channel's wording from the decision, or the general message when the decision has none.
                offer.channelMessage() == null ? offer.message() : offer.channelMessage(), offer.couponCode(),
                offer.qrCodeUrl(), offer.routeUrl(), offer.geoUri(), order.eventId(), SqlTime.of(now),
                SqlTime.of(now), SqlTime.of(now));
        return deliveryId;
    }
}
