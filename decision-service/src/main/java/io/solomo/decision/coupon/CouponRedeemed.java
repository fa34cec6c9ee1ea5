package io.solomo.decision.coupon;

import java.time.Instant;

/**
 * Published inside the redemption's transaction when a coupon is redeemed, so that a listener's work commits or
 * rolls back with the redemption.
 *
 * @param customerId the customer the coupon was issued to
 * @param storeId    the store whose point of sale redeemed it
 */
public record CouponRedeemed(String code, String offerId, String customerId, String storeId, Instant redeemedAt) {
}
