package io.solomo.decision.purchase;

import io.solomo.decision.SettingChecks;
import io.solomo.decision.catalogue.Product;
import io.solomo.decision.catalogue.ProductCatalogue;
import io.solomo.decision.coupon.CouponRedemption;
import io.solomo.decision.loyalty.LoyaltyProgramme;
import io.solomo.decision.profile.Customer;
import io.solomo.decision.profile.CustomerDirectory;
import io.solomo.decision.profile.Interactions;
import io.solomo.decision.store.StoreCatalog;
import io.solomo.decision.web.NotFoundException;
import io.solomo.decision.web.Problem;
import io.solomo.model.loyalty.LoyaltyAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Records a purchase in one transaction: the purchase row keyed by its id, the coupon redemption, the PURCHASE
 * interaction of the datamart, the purchase loyalty points and the follow-up due {@code follow-up.delay} later. Any
 * failure rolls all of them back. A purchase id recorded before with the same body gets the stored row back
 * and changes nothing, even when two points of sale post it at the same time. With another body it is a 409.
 */
@Service
class PurchaseRecording {

    /** The prefix of the PURCHASE interaction's event id, followed by the purchase id. */
    static final String EVENT_PREFIX = "purchase-";

    private static final Logger log = LoggerFactory.getLogger(PurchaseRecording.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final CouponRedemption coupons;
    private final Interactions interactions;
    private final LoyaltyProgramme loyalty;
    private final CustomerDirectory directory;
    private final StoreCatalog stores;
    private final ProductCatalogue catalogue;
    private final Clock clock;
    private final Duration followUpDelay;
    private final Duration followUpMaxLateness;

    PurchaseRecording(JdbcTemplate jdbc, TransactionTemplate transaction, CouponRedemption coupons,
                      Interactions interactions, LoyaltyProgramme loyalty, CustomerDirectory directory,
                      StoreCatalog stores, ProductCatalogue catalogue, Clock clock,
                      @Value("${solomo.purchase.follow-up.delay:3d}") Duration followUpDelay,
                      @Value("${solomo.purchase.follow-up.max-lateness:7d}") Duration followUpMaxLateness) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.coupons = coupons;
        this.interactions = interactions;
        this.loyalty = loyalty;
        this.directory = directory;
        this.stores = stores;
        this.catalogue = catalogue;
        this.clock = clock;
        this.followUpDelay = SettingChecks.notNegative("solomo.purchase.follow-up.delay", followUpDelay);
        this.followUpMaxLateness = SettingChecks.notNegative("solomo.purchase.follow-up.max-lateness",
                followUpMaxLateness);
    }

    /**
     * Records the purchase, or returns the stored one with {@code replayed} set when the same purchase was recorded
     * before.
     *
     * @throws NotFoundException      when the customer or the store is unknown
     * @throws ErrorResponseException a 409 problem when the purchase id was recorded with another body
     */
    Recorded record(PurchaseCommand command, String actor) {
        Optional<Recorded> stored = find(command.purchaseId());
        if (stored.isPresent()) {
            return replay(stored.get(), command);
        }
        String customerId = directory.find(command.customerId()).map(Customer::customerId)
                .orElseThrow(() -> new NotFoundException("customer", "customerId", command.customerId()));
        if (stores.find(command.storeId()).isEmpty()) {
            throw new NotFoundException("store", "storeId", command.storeId());
        }

        try {
            return transaction.execute(status -> recordOnce(command, customerId, actor));
        } catch (DuplicateKeyException concurrentReplay) {
            log.info("Purchase {} was recorded by a concurrent call; answering it as a replay", command.purchaseId());
            Recorded recorded = find(command.purchaseId()).orElseThrow(() -> concurrentReplay);
            return replay(recorded, command);
        }
    }

    /** Returns the stored purchase as a replay of the command, or rejects a command that differs from it. */
    private Recorded replay(Recorded stored, PurchaseCommand command) {
        String fingerprint = jdbc.queryForObject("select request_fingerprint from purchase where purchase_id = ?",
                String.class, stored.purchaseId());
        List<String> differences = differences(stored, command);
        // Purchases recorded before the fingerprint column existed have none, so only their stored columns compare.
        if (fingerprint != null && !fingerprint.equals(command.fingerprint())) {
            differences.add("lines");
        }
        if (differences.isEmpty()) {
            return stored.asReplay();
        }

        log.warn("Rejected purchase {}: its id was recorded before with different {}", command.purchaseId(),
                differences);
        throw Problem.of(HttpStatus.CONFLICT, "purchase-id-reused", "Purchase id reused", "purchase "
                        + command.purchaseId() + " was recorded before with different "
                        + String.join(", ", differences)
                        + "; send a new purchaseId for another purchase, or the same body to repeat this one")
                .field("purchaseId", command.purchaseId())
                .with("differentFields", differences)
                .exception();
    }

    /** Names the fields of the command that differ from the stored purchase's columns; lines are not stored. */
    private List<String> differences(Recorded stored, PurchaseCommand command) {
        List<String> differences = new ArrayList<>();
        // The stored customer id follows merges, so the command's id is compared once resolved the same way.
        String customerId = directory.find(command.customerId()).map(Customer::customerId).orElse(null);
        if (!stored.customerId().equals(customerId)) {
            differences.add("customerId");
        }
        if (!stored.storeId().equals(command.storeId())) {
            differences.add("storeId");
        }
        if (command.occurredAtGiven() && !stored.occurredAt().equals(command.occurredAt())) {
            differences.add("occurredAt");
        }
        if (!Objects.equals(stored.couponCode(), command.couponCode())) {
            differences.add("couponCode");
        }
        if (stored.amount().compareTo(command.amount()) != 0) {
            differences.add("amount");
        }
        return differences;
    }

    Optional<Recorded> find(String purchaseId) {
        return jdbc.query("""
                select p.*, f.due_at from purchase p left join purchase_follow_up f on f.purchase_id = p.purchase_id
                where p.purchase_id = ?""", (row, index) -> new Recorded(row.getString("purchase_id"),
                row.getString("customer_id"), row.getString("store_id"), row.getString("coupon_code"),
                row.getBigDecimal("amount"), row.getInt("points"),
                row.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                Optional.ofNullable(row.getObject("due_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant)
                        .orElse(null), false), purchaseId).stream().findFirst();
    }

    /**
     * Returns when the follow-up of a purchase made at {@code occurredAt} is due: the follow-up delay after the
     * purchase, or now when a purchase recorded late has passed that time. Returns null, for no follow-up, when that
     * time passed more than {@code solomo.purchase.follow-up.max-lateness} ago, because a thank-you for a purchase of
     * months ago would puzzle the customer.
     */
    Instant followUpDue(Instant occurredAt, Instant now) {
        Instant due = occurredAt.plus(followUpDelay);
        if (!due.isBefore(now)) {
            return due;
        }
        return due.plus(followUpMaxLateness).isBefore(now) ? null : now;
    }

    /** Records the purchase; {@code currentCustomerId} is the customer's id after merges, which owns the coupon. */
    private Recorded recordOnce(PurchaseCommand command, String currentCustomerId, String actor) {
        Instant now = clock.instant();
        jdbc.update("insert into purchase (purchase_id, customer_id, store_id, coupon_code, amount, points, "
                        + "occurred_at, recorded_at, request_fingerprint) values (?, ?, ?, ?, ?, 0, ?, ?, ?)",
                command.purchaseId(), command.customerId(), command.storeId(), command.couponCode(),
                command.amount(), command.occurredAt().atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC),
                command.fingerprint());

        if (command.couponCode() != null) {
            coupons.redeemOrReject("couponCode", command.couponCode(), command.storeId(),
                    currentCustomerId);
        }
        String customerId = interactions.record(interaction(command), actor).customerId();
        int points = loyalty.credit(new LoyaltyAction(customerId, LoyaltyAction.Type.PURCHASE, command.purchaseId(),
                command.amount().doubleValue()));
        Instant dueAt = followUpDue(command.occurredAt(), now);
        jdbc.update("update purchase set customer_id = ?, points = ? where purchase_id = ?", customerId, points,
                command.purchaseId());
        if (dueAt != null) {
            jdbc.update("insert into purchase_follow_up (purchase_id, customer_id, due_at, status) "
                    + "values (?, ?, ?, 'PENDING')", command.purchaseId(), customerId, dueAt.atOffset(ZoneOffset.UTC));
        } else {
            log.info("Purchase {} of {} gets no follow-up: it was due more than {} before the purchase was recorded",
                    command.purchaseId(), command.occurredAt(), followUpMaxLateness);
        }

        log.info("Purchase {} recorded for customer {} at store {}: {} lines, coupon {}, {} points, follow-up at {}",
                command.purchaseId(), customerId, command.storeId(), command.lines().size(),
                command.couponCode() == null ? "none" : "redeemed", points, dueAt);
        return new Recorded(command.purchaseId(), customerId, command.storeId(), command.couponCode(),
                command.amount(), points, command.occurredAt(), dueAt, false);
    }

    /** Builds the PURCHASE interaction as the interaction API reads it, with each line's catalogue category. */
    private ObjectNode interaction(PurchaseCommand command) {
        Map<String, Product> products = catalogue.findAll(command.productIds());
        ObjectNode interaction = JSON.createObjectNode()
                .put("eventId", EVENT_PREFIX + command.purchaseId())
                .put("type", "PURCHASE")
                .put("occurredAt", command.occurredAt().toString())
                .put("customerId", command.customerId());
        ObjectNode attributes = interaction.putObject("attributes")
                .put("storeId", command.storeId())
                .put("purchaseId", command.purchaseId());
        if (command.couponCode() != null) {
            attributes.put("couponCode", command.couponCode());
        }
        ArrayNode lines = attributes.putArray("lines");
        for (PurchaseCommand.Line line : command.lines()) {
            Product product = products.get(line.productId());
            ObjectNode node = lines.addObject().put("product", line.productId()).put("quantity", line.quantity())
                    .put("amount", line.amount());
            if (product != null) {
                node.put("category", product.category());
            }
        }
        return interaction;
    }

    /**
     * A recorded purchase.
     *
     * @param amount        the total in euros
     * @param points        the loyalty points the purchase earned
     * @param followUpDueAt when the follow-up email is due, or null for a purchase recorded too late for one
     * @param replayed      true when this call repeated a purchase id recorded before and stored nothing
     */
    record Recorded(String purchaseId, String customerId, String storeId, String couponCode, BigDecimal amount,
                    int points, Instant occurredAt, Instant followUpDueAt, boolean replayed) {

        Recorded asReplay() {
            return new Recorded(purchaseId, customerId, storeId, couponCode, amount, points, occurredAt,
                    followUpDueAt, true);
        }
    }
}
