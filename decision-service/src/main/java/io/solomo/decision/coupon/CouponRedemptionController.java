package io.solomo.decision.coupon;

import io.solomo.decision.web.InvalidFieldException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/**
 * Redemption from a store's point of sale. Returns 200 with the redeemed coupon; 400 for a forged or mistyped code,
 * 404 for an unknown one, 410 once expired, 422 at a store the coupon is not valid in, and 409 when it was redeemed
 * already, naming when and at which store.
 */
@RestController
class CouponRedemptionController {

    private final CouponRedemption redemption;

    CouponRedemptionController(CouponRedemption redemption) {
        this.redemption = redemption;
    }

    @PostMapping("/api/v1/coupons/{code}/redeem")
    RedeemedView redeem(@PathVariable String code, @RequestBody RedeemBody body) {
        if (body == null || body.storeId() == null || body.storeId().isBlank()) {
            throw new InvalidFieldException("storeId", null, "storeId, the store of the point of sale, is missing");
        }
        CouponRedemption.Redeemed coupon = redemption.redeemOrReject(code, body.storeId().trim());
        return new RedeemedView(coupon.code(), coupon.offerId(), coupon.redeemedAt(), coupon.storeId());
    }

    /** The store whose point of sale redeems the coupon. */
    record RedeemBody(String storeId) {
    }

    record RedeemedView(String code, String offerId, Instant redeemedAt, String storeId) {
    }
}
