package io.solomo.decision.coupon;

import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Redeems coupons at a point of sale: checks the signature, existence, expiry and store scope, then marks the
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

    @Transactional
    Outcome redeem(String code, String storeId) {
        if (!issuer.hasValidSignature(code)) {
            return new Outcome(Result.INVALID_SIGNATURE, null);
        }
        List<State> found = jdbc.query("select * from coupon where code = ?", CouponRedemption::state, code);
        if (found.isEmpty()) {
            return new Outcome(Result.NOT_FOUND, null);
        }
        State coupon = found.get(0);
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
     * an unknown one, 410 once expired, 422 at a store the coupon is not valid in, and 409 when it was redeemed
     * already, naming when and at which store. Joins the caller's transaction, so a caller that fails later undoes
     * the redemption too.
     */
    @Transactional
    public Redeemed redeemOrReject(String code, String storeId) {
        Outcome outcome = redeem(code, storeId);
        State coupon = outcome.coupon();
        return switch (outcome.result()) {
            case REDEEMED -> new Redeemed(coupon.code(), coupon.offerId(), coupon.redeemedAt(),
                    coupon.redeemedStoreId());
            case INVALID_SIGNATURE -> throw new InvalidFieldException("code", code,
                    "the code's check characters do not match; check it for a typing error");
            case NOT_FOUND -> throw new NotFoundException("coupon", "code", code);
            case EXPIRED -> throw problem(HttpStatus.GONE, "expired", "Coupon expired",
                    "coupon " + code + " expired at " + coupon.expiresAt(), coupon);
            case WRONG_STORE -> throw problem(HttpStatus.UNPROCESSABLE_CONTENT, "wrong-store", "Wrong store",
                    "coupon " + code + " is valid at store " + coupon.storeId() + " only, not at " + storeId, coupon);
            case ALREADY_REDEEMED -> throw problem(HttpStatus.CONFLICT, "already-redeemed", "Already redeemed",
                    "coupon " + code + " was redeemed at " + coupon.redeemedAt() + " in store "
                            + coupon.redeemedStoreId(), coupon);
        };
    }

    private static ErrorResponseException problem(HttpStatus status, String type, String title, String detail,
                                                  State coupon) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:solomo:problem:coupon-" + type));
        problem.setTitle(title);
        problem.setProperty("code", coupon.code());
        problem.setProperty("redeemedAt", coupon.redeemedAt());
        problem.setProperty("redeemedStoreId", coupon.redeemedStoreId());
        problem.setProperty("expiresAt", coupon.expiresAt());
        return new ErrorResponseException(status, problem, null);
    }

    private static State state(java.sql.ResultSet row, int index) throws java.sql.SQLException {
        OffsetDateTime redeemedAt = row.getObject("redeemed_at", OffsetDateTime.class);
        return new State(row.getString("code"), row.getString("offer_id"), row.getString("customer_id"),
                row.getString("store_id"),
                row.getString("decision_id"), row.getObject("expires_at", OffsetDateTime.class).toInstant(),
                redeemedAt == null ? null : redeemedAt.toInstant(), row.getString("redeemed_store_id"));
    }

    enum Result { REDEEMED, INVALID_SIGNATURE, NOT_FOUND, EXPIRED, WRONG_STORE, ALREADY_REDEEMED }

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
