package io.solomo.decision.purchase;

import io.solomo.decision.SettingChecks;
import io.solomo.decision.catalogue.Product;
import io.solomo.decision.delivery.DeliveryOutbox;
import io.solomo.decision.loyalty.LoyaltyProgramme;
import io.solomo.decision.profile.Customer;
import io.solomo.decision.profile.CustomerDirectory;
import io.solomo.model.Channel;
import io.solomo.model.Language;
import io.solomo.model.loyalty.LoyaltyAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Sends the purchase follow-ups that are due. A node claims due rows with {@code SELECT ... FOR UPDATE SKIP
 * LOCKED} and a lease, so that concurrent nodes take disjoint rows and a row left by a node that stopped is claimed
 * again when its lease runs out. Each follow-up is queued in the delivery outbox as an email, in the same
 * transaction that marks it {@code QUEUED}. The outbox checks consent at send time and records the email as
 * suppressed without it.
 */
@Component
class FollowUps {

    static final String OFFER_ID = "PURCHASE-FOLLOW-UP";

    private static final Logger log = LoggerFactory.getLogger(FollowUps.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final AccessoryRecommendations recommendations;
    private final CustomerDirectory directory;
    private final DeliveryOutbox outbox;
    private final Clock clock;
    private final Duration lease;
    private final LoyaltyProgramme loyalty;

    FollowUps(JdbcTemplate jdbc, TransactionTemplate transaction, AccessoryRecommendations recommendations,
              CustomerDirectory directory, DeliveryOutbox outbox, LoyaltyProgramme loyalty, Clock clock,
              @Value("${solomo.purchase.follow-up.claim-lease:PT5M}") Duration lease) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.recommendations = recommendations;
        this.directory = directory;
        this.outbox = outbox;
        this.loyalty = loyalty;
        this.clock = clock;
        this.lease = SettingChecks.positive("solomo.purchase.follow-up.claim-lease", lease);
    }

    /** Queues every due follow-up, at most {@code max} per call; returns how many were handled. */
    int sendDue(int max) {
        List<String> claimed = claimDue(max);
        int handled = 0;
        for (String purchaseId : claimed) {
            try {
                transaction.executeWithoutResult(status -> send(purchaseId));
                handled++;
            } catch (RuntimeException failed) {
                log.warn("Follow-up of purchase {} failed and is retried after its lease: {}", purchaseId,
                        failed.toString());
            }
        }
        return handled;
    }

    private List<String> claimDue(int max) {
        List<String> claimed = transaction.execute(status -> {
            Instant now = clock.instant();
            List<String> ids = jdbc.queryForList("""
                    select purchase_id from purchase_follow_up
                    where status = 'PENDING' and due_at <= ? and (claimed_until is null or claimed_until < ?)
                    order by due_at, purchase_id
                    fetch first ? rows only
                    for update skip locked""", String.class, now.atOffset(ZoneOffset.UTC),
                    now.atOffset(ZoneOffset.UTC), max);
            for (String id : ids) {
                jdbc.update("update purchase_follow_up set claimed_until = ? where purchase_id = ?",
                        now.plus(lease).atOffset(ZoneOffset.UTC), id);
            }
            return ids;
        });
        return claimed == null ? List.of() : claimed;
    }

    private void send(String purchaseId) {
        String customerId = jdbc.queryForObject("select customer_id from purchase_follow_up where purchase_id = ? "
                + "and status = 'PENDING'", String.class, purchaseId);
        Instant now = clock.instant();
        Optional<Customer> customer = directory.find(customerId);
        if (customer.isEmpty() || customer.get().erasedAt() != null) {
            jdbc.update("update purchase_follow_up set status = 'SKIPPED', processed_at = ? where purchase_id = ?",
                    now.atOffset(ZoneOffset.UTC), purchaseId);
            log.info("Follow-up of purchase {} skipped: customer {} no longer exists", purchaseId, customerId);
            return;
        }

        String currentId = customer.get().customerId();
        Language language = customer.get().language();
        List<Product> accessories = recommendations.recommend(currentId, purchasedProducts(purchaseId));
        // A second review of the purchase earns nothing, so a customer who reviewed it is not invited again.
        boolean reviewed = reviewedAlready(currentId, purchaseId);
        if (reviewed && accessories.isEmpty()) {
            jdbc.update("update purchase_follow_up set status = 'SKIPPED', processed_at = ? where purchase_id = ?",
                    now.atOffset(ZoneOffset.UTC), purchaseId);
            log.info("Follow-up of purchase {} skipped: customer {} reviewed it already and no accessory is left "
                    + "to recommend", purchaseId, currentId);
            return;
        }
        String body = reviewed ? FollowUpEmails.recommendation(language, accessories)
                : FollowUpEmails.body(language, accessories, reviewPoints(currentId, purchaseId));
        String decisionId = UUID.nameUUIDFromBytes(("purchase-follow-up:" + purchaseId)
                .getBytes(StandardCharsets.UTF_8)).toString();
        String deliveryId = outbox.enqueueMessage(new DeliveryOutbox.Message(decisionId, currentId, OFFER_ID,
                Channel.EMAIL, language, FollowUpEmails.subject(language, accessories), body,
                PurchaseRecording.EVENT_PREFIX + purchaseId));
        jdbc.update("update purchase_follow_up set status = 'QUEUED', delivery_id = ?, processed_at = ? "
                + "where purchase_id = ?", deliveryId, now.atOffset(ZoneOffset.UTC), purchaseId);
        log.info("Follow-up of purchase {} queued as delivery {} for customer {} with {} accessories", purchaseId,
                deliveryId, currentId, accessories.size());
    }

    private List<String> purchasedProducts(String purchaseId) {
        List<String> attributes = jdbc.queryForList("select attributes_json from interaction where event_id = ?",
                String.class, PurchaseRecording.EVENT_PREFIX + purchaseId);
        List<String> products = new ArrayList<>();
        attributes.forEach(json -> products.addAll(AccessoryRecommendations.products(json)));
        return products;
    }

    /** Returns whether the customer posted a review of the purchase that is waiting for a verdict or approved. */
    private boolean reviewedAlready(String customerId, String purchaseId) {
        Integer reviews = jdbc.queryForObject("select count(*) from review where customer_id = ? "
                + "and purchase_reference = ? and status in ('PENDING', 'APPROVED')", Integer.class, customerId,
                purchaseId);
        return reviews != null && reviews > 0;
    }

    private int reviewPoints(String customerId, String purchaseId) {
        return loyalty.pointsFor(new LoyaltyAction(customerId, LoyaltyAction.Type.REVIEW_APPROVED, purchaseId, 0));
    }
}
