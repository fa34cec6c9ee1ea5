package io.solomo.decision.loyalty;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.net.URI;
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
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "review " + review.reviewId()
                + " was already " + review.status().toLowerCase(Locale.ROOT) + " at "
                + review.moderatedAt() + "; a verdict cannot be changed");
        problem.setType(URI.create("urn:solomo:problem:review-already-moderated"));
        problem.setTitle("Review already moderated");
        problem.setProperty("reviewId", review.reviewId());
        // "status" is the HTTP status of an RFC 9457 problem, so the review's own status goes under another name.
        problem.setProperty("reviewStatus", review.status());
        problem.setProperty("moderatedAt", review.moderatedAt());
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }

    /**
     * Returns the problem for approving a review whose purchase reference is not a recorded purchase of its author.
     * Reviews submitted before the purchase check existed may carry such a reference.
     */
    static ErrorResponseException purchaseNotRecorded(Review review) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "review " + review.reviewId()
                + " names purchase '" + review.purchaseReference() + "', which is not a recorded purchase of customer "
                + review.customerId() + ", so approving it would award points for no purchase; reject the review");
        problem.setType(URI.create("urn:solomo:problem:review-purchase-not-recorded"));
        problem.setTitle("Purchase of the review not recorded");
        problem.setProperty("reviewId", review.reviewId());
        problem.setProperty("field", "purchaseReference");
        problem.setProperty("value", review.purchaseReference());
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }

    /** Returns the problem for spending more points than the balance holds. */
    static ErrorResponseException insufficientPoints(String customerId, int points, long balance) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "spending " + points
                + " points exceeds the balance of " + balance + " points of customer " + customerId);
        problem.setType(URI.create("urn:solomo:problem:insufficient-points"));
        problem.setTitle("Insufficient points");
        problem.setProperty("field", "points");
        problem.setProperty("value", points);
        problem.setProperty("customerId", customerId);
        problem.setProperty("balance", balance);
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }

    /**
     * Returns the problem for a spending whose reference was used before with other points or another reason, so
     * that a till reusing a receipt id learns that nothing was spent this time.
     */
    static ErrorResponseException spendReferenceReused(String customerId, String reference,
                                                       List<String> differences) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "customer " + customerId
                + " spent points with reference '" + reference + "' before, with different "
                + String.join(" and ", differences) + ", and nothing was spent now; send a new reference for "
                + "another spending, or the same body to repeat this one");
        problem.setType(URI.create("urn:solomo:problem:spend-reference-reused"));
        problem.setTitle("Spending reference reused");
        problem.setProperty("field", "reference");
        problem.setProperty("value", reference);
        problem.setProperty("customerId", customerId);
        problem.setProperty("differentFields", differences);
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }
}
