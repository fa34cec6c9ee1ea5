package io.solomo.decision.loyalty;

import io.solomo.decision.web.Problem;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import java.util.List;
import java.util.Locale;

/**
 * The 409 problems of the loyalty API: a request that is valid but conflicts with the state stored, like a coupon
 * redeemed already. Each problem carries that state as properties, so that a client can show it.
 */
final class LoyaltyConflicts {

    private LoyaltyConflicts() {
    }

    /** Returns the problem for a verdict on a review that was approved or rejected before. */
    static ErrorResponseException alreadyModerated(Review review) {
        return Problem.of(HttpStatus.CONFLICT, "review-already-moderated", "Review already moderated", "review "
                        + review.reviewId() + " was already " + review.status().toLowerCase(Locale.ROOT) + " at "
                        + review.moderatedAt() + "; a verdict cannot be changed")
                .with("reviewId", review.reviewId())
                // "status" is the HTTP status of an RFC 9457 problem, so the review's own status has another name.
                .with("reviewStatus", review.status())
                .with("moderatedAt", review.moderatedAt())
                .exception();
    }

    /**
     * Returns the problem for approving a review whose purchase reference is not a recorded purchase of its author.
     * Reviews submitted before the purchase check existed may carry such a reference.
     */
    static ErrorResponseException purchaseNotRecorded(Review review) {
        return Problem.of(HttpStatus.CONFLICT, "review-purchase-not-recorded", "Purchase of the review not recorded",
                        "review " + review.reviewId() + " names purchase '" + review.purchaseReference()
                                + "', which is not a recorded purchase of customer " + review.customerId()
                                + ", so approving it would award points for no purchase; reject the review")
                .with("reviewId", review.reviewId())
                .field("purchaseReference", review.purchaseReference())
                .exception();
    }

    /** Returns the problem for spending more points than the balance holds. */
    static ErrorResponseException insufficientPoints(String customerId, int points, long balance) {
        return Problem.of(HttpStatus.CONFLICT, "insufficient-points", "Insufficient points", "spending " + points
                        + " points exceeds the balance of " + balance + " points of customer " + customerId)
                .field("points", points)
                .with("customerId", customerId)
                .with("balance", balance)
                .exception();
    }

    /**
     * Returns the problem for a spending whose reference was used before with other points or another reason, so
     * that a till reusing a receipt id learns that nothing was spent this time.
     */
    static ErrorResponseException spendReferenceReused(String customerId, String reference,
                                                       List<String> differences) {
        return Problem.of(HttpStatus.CONFLICT, "spend-reference-reused", "Spending reference reused", "customer "
                        + customerId + " spent points with reference '" + reference + "' before, with different "
                        + String.join(" and ", differences) + ", and nothing was spent now; send a new reference "
                        + "for another spending, or the same body to repeat this one")
                .field("reference", reference)
                .with("customerId", customerId)
                .with("differentFields", differences)
                .exception();
    }
}
