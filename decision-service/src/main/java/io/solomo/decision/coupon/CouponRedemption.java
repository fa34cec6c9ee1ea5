package io.solomo.decision.coupon;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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
class CouponRedemption {

    private static final Logger log = LoggerFactory.getLogger(CouponRedemption.class);

    private final CouponIssuer issuer;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    CouponRedemption(CouponIssuer issuer, JdbcTemplate jdbc, Clock clock) {
        this.issuer = issuer;
        this.jdbc = jdbc;
        this.clock = clock;
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
        return new Outcome(Result.REDEEMED, after);
    }

    private static State state(java.sql.ResultSet row, int index) throws java.sql.SQLException {
        OffsetDateTime redeemedAt = row.getObject("redeemed_at", OffsetDateTime.class);
        return new State(row.getString("code"), row.getString("offer_id"), row.getString("store_id"),
                row.getString("decision_id"), row.getObject("expires_at", OffsetDateTime.class).toInstant(),
                redeemedAt == null ? null : redeemedAt.toInstant(), row.getString("redeemed_store_id"));
    }

    enum Result { REDEEMED, INVALID_SIGNATURE, NOT_FOUND, EXPIRED, WRONG_STORE, ALREADY_REDEEMED }

    /** @param storeId the store the coupon is limited to, or null for every store */
    record State(String code, String offerId, String storeId, String decisionId, Instant expiresAt,
                 Instant redeemedAt, String redeemedStoreId) {
    }

    /** @param coupon the coupon after the attempt, or null when the code is forged or unknown */
    record Outcome(Result result, State coupon) {
    }
}
