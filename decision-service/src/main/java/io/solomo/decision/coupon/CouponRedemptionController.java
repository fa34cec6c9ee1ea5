package io.solomo.decision.coupon;

import io.solomo.decision.profile.Customer;
import io.solomo.decision.profile.CustomerDirectory;
import io.solomo.decision.store.StoreCatalog;
import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.NotFoundException;
import io.solomo.decision.web.RejectUnknownFields;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/**
 * Redemption from a store's point of sale. Returns 200 with the redeemed coupon. Rejects a forged or mistyped code
 * with 400, an unknown code, store or customer with 404, and a coupon of another customer than the one given with
 * 403. A coupon is 410 once expired, 422 at a store it is not valid in, and 409 when it was redeemed already,
 * naming when and at which store.
 */
@RestController
class CouponRedemptionController {

    private final CouponRedemption redemption;
    private final StoreCatalog stores;
    private final CustomerDirectory directory;

    CouponRedemptionController(CouponRedemption redemption, StoreCatalog stores, CustomerDirectory directory) {
        this.redemption = redemption;
        this.stores = stores;
        this.directory = directory;
    }

    @PostMapping("/api/v1/coupons/{code}/redeem")
    RedeemedView redeem(@PathVariable String code, @RequestBody RedeemBody body) {
        if (body == null || body.storeId() == null || body.storeId().isBlank()) {
            throw new InvalidFieldException("storeId", null, "storeId, the store of the point of sale, is missing");
        }
        String storeId = body.storeId().trim();
        if (stores.find(storeId).isEmpty()) {
            throw new NotFoundException("store", "storeId", storeId);
        }
        String customerId = null;
        if (body.customerId() != null && !body.customerId().isBlank()) {
            customerId = directory.find(body.customerId().trim()).map(Customer::customerId)
                    .orElseThrow(() -> new NotFoundException("customer", "customerId", body.customerId()));
        }

        CouponRedemption.Redeemed coupon = redemption.redeemOrReject("code", code, storeId, customerId);

        return new RedeemedView(coupon.code(), coupon.offerId(), coupon.redeemedAt(), coupon.storeId());
    }

    /**
     * The point of sale's store, and the customer presenting the coupon when the till identifies them, such as by
     * a loyalty card. With {@code customerId}, a coupon issued to anyone else is rejected.
     */
    @RejectUnknownFields
    record RedeemBody(String storeId, String customerId) {
    }

    record RedeemedView(String code, String offerId, Instant redeemedAt, String storeId) {
    }
}
