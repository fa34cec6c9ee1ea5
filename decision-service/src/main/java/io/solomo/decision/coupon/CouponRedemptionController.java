package io.solomo.decision.coupon;

import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
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
        String storeId = body.storeId().trim();
        CouponRedemption.Outcome outcome = redemption.redeem(code, storeId);
        CouponRedemption.State coupon = outcome.coupon();
        return switch (outcome.result()) {
            case REDEEMED -> new RedeemedView(coupon.code(), coupon.offerId(), coupon.redeemedAt(),
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
                                                  CouponRedemption.State coupon) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:solomo:problem:coupon-" + type));
        problem.setTitle(title);
        problem.setProperty("code", coupon.code());
        problem.setProperty("redeemedAt", coupon.redeemedAt());
        problem.setProperty("redeemedStoreId", coupon.redeemedStoreId());
        problem.setProperty("expiresAt", coupon.expiresAt());
        return new ErrorResponseException(status, problem, null);
    }

    /** The store whose point of sale redeems the coupon. */
    record RedeemBody(String storeId) {
    }

    record RedeemedView(String code, String offerId, Instant redeemedAt, String storeId) {
    }
}
