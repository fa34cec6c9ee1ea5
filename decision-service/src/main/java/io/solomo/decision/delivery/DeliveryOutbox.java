package io.solomo.decision.delivery;

import io.solomo.model.Channel;
import io.solomo.model.Language;
import io.solomo.model.decision.ChosenOffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The transactional outbox: writes the deliveries of a decision as {@code QUEUED} rows in the caller's transaction,
 * so that a decision is never stored without its deliveries nor the other way round. The {@code delivery-outbox}
 * route sends them afterwards.
 */
@Service
public class DeliveryOutbox {

    private static final Logger log = LoggerFactory.getLogger(DeliveryOutbox.class);

    private final JdbcTemplate jdbc;
    private final OfferTreatments treatments;
    private final Clock clock;

    DeliveryOutbox(JdbcTemplate jdbc, OfferTreatments treatments, Clock clock) {
        this.jdbc = jdbc;
        this.treatments = treatments;
        this.clock = clock;
    }

    /** Queues one delivery per chosen offer, on the offer's channel. Must run inside the decision's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void enqueue(Batch batch) {
        Instant now = clock.instant();
        for (ChosenOffer offer : batch.offers()) {
            String deliveryId = UUID.randomUUID().toString();
            insert(deliveryId, batch, offer, now);
            log.info("Queued delivery {} of offer {} to customer {} on {}, decision {}", deliveryId, offer.offerId(),
                    batch.customerId(), offer.channel(), batch.decisionId());
        }
    }

    /**
     * Queues one message that is not an offer, such as a purchase follow-up, with its own wording. The pair
     * {@code (decisionId, offerId)} is unique, so queuing the same message twice fails instead of sending it twice.
     * Must run inside the caller's transaction.
     *
     * @return the delivery id
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public String enqueueMessage(Message message) {
        String deliveryId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        jdbc.update("""
                insert into delivery (delivery_id, decision_id, customer_id, offer_id, channel, status, title,
                    message, language, event_id, attempts, next_attempt_at, created_at, updated_at)
                values (?, ?, ?, ?, ?, 'QUEUED', ?, ?, ?, ?, 0, ?, ?, ?)""",
                deliveryId, message.decisionId(), message.customerId(), message.offerId(), message.channel().name(),
                FrenchTypography.typeset(message.title(), message.language()),
                FrenchTypography.typeset(message.body(), message.language()),
                message.language().code(), message.eventId(), SqlTime.of(now),
                SqlTime.of(now), SqlTime.of(now));
        log.info("Queued delivery {} of {} to customer {} on {}, decision {}", deliveryId, message.offerId(),
                message.customerId(), message.channel(), message.decisionId());
        return deliveryId;
    }

    private void insert(String deliveryId, Batch batch, ChosenOffer offer, Instant now) {
        OfferTreatments.Treatment wording = wordingOf(batch, offer);
        jdbc.update("""
                insert into delivery (delivery_id, decision_id, customer_id, offer_id, store_id, channel, status,
                    title, message, language, coupon_code, qr_code_url, route_url, geo_uri, event_id, attempts,
                    next_attempt_at, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, 'QUEUED', ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)""",
                deliveryId, batch.decisionId(), batch.customerId(), offer.offerId(), offer.storeId(),
                offer.channel().name(), wording.title(), wording.body(), batch.language().code(),
                offer.couponCode(), offer.qrCodeUrl(), offer.routeUrl(), offer.geoUri(), batch.eventId(),
                SqlTime.of(now), SqlTime.of(now), SqlTime.of(now));
    }

    /**
     * Returns the channel's wording of a chosen offer, typeset for the customer's language. The delivery row keeps
     * it, so that push, email, inbox, webhook, the deliveries API and the decision response all show the same words.
     * The offer engine words each chosen offer already, so only an offer built without that wording is looked up.
     */
    private OfferTreatments.Treatment wordingOf(Batch batch, ChosenOffer offer) {
        if (offer.channelMessage() != null) {
            return new OfferTreatments.Treatment(offer.title(), offer.channelMessage());
        }
        String storeName = Objects.equals(offer.storeId(), batch.contactStoreId()) ? batch.contactStoreName() : null;
        return treatments.wordingOf(offer.offerId(), offer.channel(), batch.language(), storeName, offer.message());
    }

    /**
     * A message to one customer outside an offer decision. An email whose {@code offerId} has its own templates
     * ({@code delivery/email/<offerId>-<language>.html} and {@code .txt}) is laid out with them.
     *
     * @param decisionId an id of at most 36 characters that, with {@code offerId}, identifies the message
     * @param eventId    the triggering event, or null
     */
    public record Message(String decisionId, String customerId, String offerId, Channel channel, Language language,
                          String title, String body, String eventId) {
    }

    /**
     * The chosen offers of one decision to deliver.
     *
     * @param eventId          the triggering event, or null
     * @param contactStoreId   the store of the contact, or null; its name fills {@code {store}} in offers for it
     * @param contactStoreName the name of that store, or null
     */
    public record Batch(String decisionId, String customerId, String eventId, Language language,
                        String contactStoreId, String contactStoreName, List<ChosenOffer> offers) {

        public Batch {
            offers = List.copyOf(offers);
        }
    }
}
