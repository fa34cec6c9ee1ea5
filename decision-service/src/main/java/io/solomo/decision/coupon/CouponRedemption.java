package io.solomo.decision.coupon;

import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.NotFoundException;
import io.solomo.decision.web.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Redeems coupons at a point of sale: checks the signature, existence, owner, expiry and store scope, then marks the
 * coupon used with one conditional {@code UPDATE ... WHERE redeemed_at IS NULL}. The database's row lock lets
 * exactly one of two simultaneous redemptions change the row; the other finds it already redeemed.
 */
@Service
public class CouponRedemption {

    private static final Logger log = LoggerFactory.getLogger(CouponRedemption.class);

    private final CouponIssuer issuer;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    CouponRedemption(CouponIssuer issuer, JdbcTemplate jdbc, Clock clock, ApplicationEventPublisher events) {
        this.issuer = issuer;
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Redeems the coupon at the store.
     *
     * @param customerId the current id of the customer presenting the coupon, or null when the point of sale does
     *                   not know the customer
     */
    @Transactional
    Outcome redeem(String code, String storeId, String customerId) {
        if (!issuer.hasValidSignature(code)) {
            return new Outcome(Result.INVALID_SIGNATURE, null);
        }
        List<State> found = jdbc.query("select * from coupon where code = ?", CouponRedemption::state, code);
        if (found.isEmpty()) {
            return new Outcome(Result.NOT_FOUND, null);
        }
        State coupon = found.get(0);
        // Checked before the coupon's state, so that the response does not tell when or where another customer's
        // coupon was used.
        if (customerId != null && !customerId.equals(coupon.customerId())) {
            return new Outcome(Result.WRONG_CUSTOMER, coupon);
        }
        if (coupon.redeemedAt() != null) {
            return new Outcome(Result.ALREADY_REDEEMED, coupon);
        }
        Instant now = clock.instant();
        if (!now.isBefore(coupon.expiresAt())) {
            return new Outcome(Result.EXPIRED, coupon);
        }
        if (coupon.storeId() != null && !coupon.storeId().equals(storeId)) {
            return new Outcome(Result.WRONG_STORE, coupon);
        }

        int updated = jdbc.update("update coupon set redeemed_at = ?, redeemed_store_id = ? "
                + "where code = ? and redeemed_at is null", now.atOffset(ZoneOffset.UTC), storeId, code);
        State after = jdbc.query("select * from coupon where code = ?", CouponRedemption::state, code).get(0);
        if (updated == 0) {
            return new Outcome(Result.ALREADY_REDEEMED, after);
        }
        log.info("Coupon of offer {} redeemed at store {}, decision {}", after.offerId(), storeId,
                after.decisionId());
        events.publishEvent(new CouponRedeemed(after.code(), after.offerId(), after.customerId(), storeId,
                after.redeemedAt()));
        return new Outcome(Result.REDEEMED, after);
    }

    /**
     * Redeems the coupon or throws the problem the point of sale shows: 400 for a forged or mistyped code, 404 for
     * an unknown one, 403 when it belongs to another customer than {@code customerId}, 410 once expired, 422 at a
     * store the coupon is not valid in, and 409 when it was redeemed already, naming when and at which store. Every
     * problem names {@code field} and the code as its value. Joins the caller's transaction, so a caller that fails
     * later undoes the redemption too.
     *
     * @param field      the request field that carries the code, such as {@code couponCode}
     * @param customerId the current id of the customer presenting the coupon, or null when the point of sale does
     *                   not know the customer
     */
    @Transactional
    public Redeemed redeemOrReject(String field, String code, String storeId, String customerId) {
        Outcome outcome = redeem(code, storeId, customerId);
        State coupon = outcome.coupon();
        return switch (outcome.result()) {
            case REDEEMED -> new Redeemed(coupon.code(), coupon.offerId(), coupon.redeemedAt(),
                    coupon.redeemedStoreId());
            case INVALID_SIGNATURE -> throw new InvalidFieldException(field, code, "coupon code " + code
                    + " is invalid: its check characters do not match; check it for a typing error");
            case NOT_FOUND -> throw new NotFoundException("coupon", field, code);
            case WRONG_CUSTOMER -> throw wrongCustomer(field, code, customerId, coupon);
            case EXPIRED -> throw rejected(HttpStatus.GONE, "expired", "Coupon expired",
                    "coupon " + code + " expired at " + coupon.expiresAt(), field, coupon);
            case WRONG_STORE -> throw rejected(HttpStatus.UNPROCESSABLE_CONTENT, "wrong-store", "Wrong store",
                    "coupon " + code + " is valid at store " + coupon.storeId() + " only, not at " + storeId, field,
                    coupon);
            case ALREADY_REDEEMED -> throw rejected(HttpStatus.CONFLICT, "already-redeemed", "Already redeemed",
                    "coupon " + code + " was redeemed at " + coupon.redeemedAt() + " in store "
                            + coupon.redeemedStoreId(), field, coupon);
        };
    }

    private static ErrorResponseException wrongCustomer(String field, String code, String customerId, State coupon) {
        log.warn("Rejected coupon of offer {} presented for customer {}: it was issued to customer {}",
                coupon.offerId(), customerId, coupon.customerId());
        return problem(HttpStatus.FORBIDDEN, "wrong-customer", "Coupon of another customer",
                "coupon " + code + " was issued to another customer, so customer " + customerId + " cannot redeem it",
                field, code).exception();
    }

    /** Builds the problem of a coupon rejected for its state, with when and where it was redeemed and its expiry. */
    private static ErrorResponseException rejected(HttpStatus status, String type, String title, String detail,
                                                   String field, State coupon) {
        return problem(status, type, title, detail, field, coupon.code())
                .with("redeemedAt", coupon.redeemedAt())
                .with("redeemedStoreId", coupon.redeemedStoreId())
                .with("expiresAt", coupon.expiresAt())
                .exception();
    }

    private static Problem problem(HttpStatus status, String type, String title, String detail, String field,
                                   String code) {
        return Problem.of(status, "coupon-" + type, title, detail)
                .field(field, code)
                .with("code", code);
    }

    private static State state(java.sql.ResultSet row, int index) throws java.sql.SQLException {
        OffsetDateTime redeemedAt = row.getObject("redeemed_at", OffsetDateTime.class);
        return new State(row.getString("code"), row.getString("offer_id"), row.getString("customer_id"),
                row.getString("store_id"),
                row.getString("decision_id"), row.getObject("expires_at", OffsetDateTime.class).toInstant(),
                redeemedAt == null ? null : redeemedAt.toInstant(), row.getString("redeemed_store_id"));
    }

    enum Result { REDEEMED, INVALID_SIGNATURE, NOT_FOUND, WRONG_CUSTOMER, EXPIRED, WRONG_STORE, ALREADY_REDEEMED }

    /** @param storeId the store the coupon is limited to, or null for every store */
    record State(String code, String offerId, String customerId, String storeId, String decisionId, Instant expiresAt,
                 Instant redeemedAt, String redeemedStoreId) {
    }

    /** A coupon just redeemed, at {@code storeId}. */
    public record Redeemed(String code, String offerId, Instant redeemedAt, String storeId) {
    }

    /** @param coupon the coupon after the attempt, or null when the code is forged or unknown */
    record Outcome(Result result, State coupon) {
    }
}
