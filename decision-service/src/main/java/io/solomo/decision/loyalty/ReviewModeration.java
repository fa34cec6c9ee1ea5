package io.solomo.decision.loyalty;

import io.solomo.decision.profile.Customer;
import io.solomo.decision.profile.CustomerDirectory;
import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.NotFoundException;
import io.solomo.model.loyalty.LoyaltyAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.UUID;

/**
 * Reviews from the social connector or the moderation tool. Approving a review credits the loyalty points the rules
 * award for it, once per purchase: a second approved review of the same purchase earns nothing more.
 */
@Service
class ReviewModeration {

    private static final Logger log = LoggerFactory.getLogger(ReviewModeration.class);

    private final ReviewRepository reviews;
    private final CustomerDirectory directory;
    private final LoyaltyProgramme loyalty;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ReviewModeration(ReviewRepository reviews, CustomerDirectory directory, LoyaltyProgramme loyalty,
                     TransactionTemplate transaction, Clock clock) {
        this.reviews = reviews;
        this.directory = directory;
        this.loyalty = loyalty;
        this.transaction = transaction;
        this.clock = clock;
    }

    Review submit(String requestedId, String purchaseReference, String platform, String url, Integer rating,
                  String text) {
        // An absorbed profile's id still names its person: the review goes to the survivor.
        String customerId = directory.find(requestedId).map(Customer::customerId)
                .orElseThrow(() -> new NotFoundException("customer", "customerId", requestedId));
        if (rating != null && (rating < 1 || rating > 5)) {
            throw new InvalidFieldException("rating", rating, "rating must be within 1..5, got " + rating);
        }
        Review review = reviews.save(new Review(UUID.randomUUID().toString(), customerId, purchaseReference,
                platform, url, rating, text, clock.instant()));
        log.info("Review {} of purchase {} submitted by customer {}", review.reviewId(), purchaseReference,
                customerId);
        return review;
    }

    /** Records the verdict and, for an approval, credits points; returns the review and the points credited now. */
    Moderated moderate(String reviewId, boolean approved) {
        Review review = transaction.execute(status -> {
            Review found = find(reviewId);
            if (!found.moderate(approved, clock.instant())) {
                throw new InvalidFieldException("reviewId", reviewId,
                        "review " + reviewId + " was already " + found.status().toLowerCase());
            }
            return reviews.save(found);
        });
        int points = 0;
        if (approved) {
            points = loyalty.credit(new LoyaltyAction(review.customerId(), LoyaltyAction.Type.REVIEW_APPROVED,
                    review.purchaseReference(), 0));
        }
        log.info("Review {} {}; {} points credited", reviewId, review.status(), points);
        return new Moderated(review, points);
    }

    Review find(String reviewId) {
        return reviews.findById(reviewId).orElseThrow(() -> new NotFoundException("review", "reviewId", reviewId));
    }

    record Moderated(Review review, int pointsCredited) {
    }
}
