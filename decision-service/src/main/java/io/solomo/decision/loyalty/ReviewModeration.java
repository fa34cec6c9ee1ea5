package io.solomo.decision.loyalty;

import io.solomo.decision.profile.ConflictRetry;
import io.solomo.decision.profile.Customer;
import io.solomo.decision.profile.CustomerDirectory;
import io.solomo.decision.profile.Interactions;
import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.NotFoundException;
import io.solomo.model.loyalty.LoyaltyAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Reviews from the social connector or the moderation tool. A review must be about one of the customer's recorded
 * purchases. Approving it records a {@code REVIEW_POSTED} interaction, which raises the profile's review count and
 * advocacy score, and credits the loyalty points the rules award, once per purchase: a second approved review of the
 * same purchase earns no more points.
 */
@Service
class ReviewModeration {

    /** The prefix of the REVIEW_POSTED interaction's event id, followed by the review id. */
    static final String EVENT_PREFIX = "review-";

    private static final Logger log = LoggerFactory.getLogger(ReviewModeration.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ReviewRepository reviews;
    private final LoyaltyEntryRepository ledger;
    private final CustomerDirectory directory;
    private final LoyaltyProgramme loyalty;
    private final Interactions interactions;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ReviewModeration(ReviewRepository reviews, LoyaltyEntryRepository ledger, CustomerDirectory directory,
                     LoyaltyProgramme loyalty, Interactions interactions, JdbcTemplate jdbc,
                     TransactionTemplate transaction, Clock clock) {
        this.reviews = reviews;
        this.ledger = ledger;
        this.directory = directory;
        this.loyalty = loyalty;
        this.interactions = interactions;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * Stores a pending review.
     *
     * @throws NotFoundException     when the customer is unknown
     * @throws InvalidFieldException when the rating is outside 1..5, the review has neither rating, text nor url, or
     *                               the purchase is not one of the customer's
     */
    Review submit(String requestedId, String purchaseReference, String platform, String url, Integer rating,
                  String text) {
        // An absorbed profile's id still names its person: the review goes to the survivor.
        String customerId = directory.find(requestedId).map(Customer::customerId)
                .orElseThrow(() -> new NotFoundException("customer", "customerId", requestedId));
        if (rating != null && (rating < 1 || rating > 5)) {
            throw new InvalidFieldException("rating", rating, "rating must be within 1..5, got " + rating);
        }
        if (url == null && rating == null && text == null) {
            // A moderator would have nothing to judge, yet approving it would earn the review's points.
            throw new InvalidFieldException("rating", null, "the review is empty; send at least one of rating, text "
                    + "and url");
        }
        if (!isPurchaseOf(customerId, purchaseReference)) {
            throw new InvalidFieldException("purchaseReference", purchaseReference, "purchaseReference '"
                    + purchaseReference + "' is not a recorded purchase of customer " + customerId
                    + "; send the purchaseId of one of the customer's purchases (POST /api/v1/purchases) or the "
                    + "reference of a PURCHASE loyalty action that earned points");
        }
        Review review = reviews.save(new Review(UUID.randomUUID().toString(), customerId, purchaseReference,
                platform, url, rating, text, clock.instant()));
        log.info("Review {} of purchase {} submitted by customer {}", review.reviewId(), purchaseReference,
                customerId);
        return review;
    }

    /**
     * Records the verdict and, for an approval, the REVIEW_POSTED interaction and the loyalty points, all in one
     * transaction. The review's row stays locked until the transaction commits, so that of two concurrent verdicts
     * the second reads the first one's status and fails with 409.
     *
     * @param actor the user who moderates, stored with the interaction
     * @return the review, with the points credited now
     * @throws NotFoundException               when no review has this id
     * @throws org.springframework.web.ErrorResponseException a 409 problem when the review was moderated before
     */
    Review moderate(String reviewId, boolean approved, String actor) {
        Review review = ConflictRetry.inTransaction(transaction, "moderation of review " + reviewId, () -> {
            Review found = reviews.findForUpdate(reviewId)
                    .orElseThrow(() -> new NotFoundException("review", "reviewId", reviewId));
            if (approved && Review.PENDING.equals(found.status())
                    && !isPurchaseOf(found.customerId(), found.purchaseReference())) {
                log.warn("Rejected approval of review {}: purchase {} is not a recorded purchase of customer {}",
                        reviewId, found.purchaseReference(), found.customerId());
                throw LoyaltyConflicts.purchaseNotRecorded(found);
            }
            if (!found.moderate(approved, clock.instant())) {
                throw LoyaltyConflicts.alreadyModerated(found);
            }
            if (approved) {
                recordReviewPosted(found, actor);
                found.creditedPoints(loyalty.credit(new LoyaltyAction(found.customerId(),
                        LoyaltyAction.Type.REVIEW_APPROVED, found.purchaseReference(), 0)));
            }
            return reviews.save(found);
        });
        log.info("Review {} {}; {} points credited", reviewId, review.status(), review.pointsCredited());
        return review;
    }

    Review find(String reviewId) {
        return reviews.findById(reviewId).orElseThrow(() -> new NotFoundException("review", "reviewId", reviewId));
    }

    /**
     * Lists the reviews of a status, oldest submission first. With {@code afterReviewId}, the list starts after
     * that review, so that a client pages on with the last id it received.
     *
     * @throws NotFoundException when {@code afterReviewId} names no review
     */
    List<Review> list(String status, String afterReviewId, int limit) {
        if (afterReviewId == null) {
            return reviews.findByStatusOrderBySubmittedAtAscReviewIdAsc(status, Limit.of(limit));
        }
        Review after = reviews.findById(afterReviewId)
                .orElseThrow(() -> new NotFoundException("review", "after", afterReviewId));
        return reviews.findAfter(status, after.submittedAt(), after.reviewId(), Limit.of(limit));
    }

    /**
     * Tells whether the reference names a purchase of the customer: one posted to {@code /api/v1/purchases}, or a
     * PURCHASE action that a till reported to the loyalty API and that earned points.
     */
    private boolean isPurchaseOf(String customerId, String reference) {
        Integer purchases = jdbc.queryForObject("select count(*) from purchase where purchase_id = ? "
                + "and customer_id = ?", Integer.class, reference, customerId);
        return (purchases != null && purchases > 0) || ledger.existsByCustomerIdAndKindAndActionAndReference(
                customerId, LoyaltyEntry.Kind.EARNED, LoyaltyAction.Type.PURCHASE.name(), reference);
    }

    /** Records the approved review in the profile, once per review: its event id is derived from the review id. */
    private void recordReviewPosted(Review review, String actor) {
        ObjectNode interaction = JSON.createObjectNode()
                .put("eventId", EVENT_PREFIX + review.reviewId())
                .put("type", "REVIEW_POSTED")
                .put("occurredAt", review.submittedAt().toString())
                .put("customerId", review.customerId());
        ObjectNode attributes = interaction.putObject("attributes")
                .put("reviewId", review.reviewId())
                .put("purchaseReference", review.purchaseReference())
                .put("platform", review.platform());
        if (review.rating() != null) {
            attributes.put("rating", review.rating());
        }
        interactions.record(interaction, actor);
    }
}
