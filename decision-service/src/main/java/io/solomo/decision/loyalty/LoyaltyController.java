package io.solomo.decision.loyalty;

import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.RejectUnknownFields;
import io.solomo.decision.web.WholeNumberDeserializer;
import io.solomo.model.loyalty.LoyaltyAction;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.annotation.JsonDeserialize;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.Principal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import static io.solomo.decision.web.RequestFields.optionalText;
import static io.solomo.decision.web.RequestFields.requireText;

/** Loyalty balances and ledgers, actions that earn points, spending, and reviews with their moderation. */
@RestController
class LoyaltyController {

    // Column sizes of loyalty_entry and review, so that longer values get a 400 naming the field, not a database error.
    private static final int MAX_REFERENCE_LENGTH = 200;
    private static final int MAX_REASON_LENGTH = 300;
    private static final int MAX_PLATFORM_LENGTH = 50;
    private static final int MAX_URL_LENGTH = 1000;
    private static final int MAX_REVIEW_TEXT_LENGTH = 5000;

    /** Maximum purchase amount, the cap of a line amount of {@code POST /api/v1/purchases}, far below the int range. */
    static final BigDecimal MAX_AMOUNT_EUROS = BigDecimal.valueOf(10_000_000);

    /**
     * Actions that apps and tills report themselves. The others are credited by the server: REVIEW_APPROVED when a
     * marketer approves a review, REFERRAL_REDEEMED when a friend redeems a coupon claimed through a share.
     */
    static final Set<LoyaltyAction.Type> REPORTED_TYPES = EnumSet.of(LoyaltyAction.Type.PURCHASE,
            LoyaltyAction.Type.SOCIAL_SHARE, LoyaltyAction.Type.STORE_VISIT);

    static final List<String> REVIEW_STATUSES = List.of(Review.PENDING, Review.APPROVED, Review.REJECTED);
    static final int DEFAULT_REVIEW_LIMIT = 50;
    static final int MAX_REVIEW_LIMIT = 500;

    private final LoyaltyProgramme loyalty;
    private final ReviewModeration reviews;

    LoyaltyController(LoyaltyProgramme loyalty, ReviewModeration reviews) {
        this.loyalty = loyalty;
        this.reviews = reviews;
    }

    @GetMapping("/api/v1/customers/{customerId}/loyalty")
    LoyaltyProgramme.Statement statement(@PathVariable String customerId) {
        return loyalty.statement(customerId);
    }

    @PostMapping("/api/v1/customers/{customerId}/loyalty/spend")
    LoyaltyProgramme.Statement spend(@PathVariable String customerId, @RequestBody SpendBody body) {
        if (body.points() == null) {
            throw new InvalidFieldException("points", null, "points is missing");
        }
        String reason = optionalText("reason", body.reason(), MAX_REASON_LENGTH);
        return loyalty.spend(customerId, body.points(),
                requireText("reference", body.reference(), MAX_REFERENCE_LENGTH),
                reason == null ? LoyaltyProgramme.DEFAULT_SPEND_REASON : reason);
    }

    @PostMapping("/api/v1/loyalty/actions")
    Credited action(@RequestBody ActionBody body) {
        LoyaltyAction.Type type = body.actionType();
        String customerId = requireText("customerId", body.customerId());
        String reference = requireText("reference", body.reference(), MAX_REFERENCE_LENGTH);
        double amount = amountEuros(type, body.amountEuros());
        int points = loyalty.credit(new LoyaltyAction(customerId, type, reference, amount));
        return new Credited(customerId, type.name(), reference, points);
    }

    @PostMapping("/api/v1/loyalty/expiry-runs")
    ExpiryRun expire() {
        return new ExpiryRun(loyalty.expireInactive());
    }

    @PostMapping("/api/v1/reviews")
    ResponseEntity<ReviewView> submit(@RequestBody ReviewBody body) {
        Review review = reviews.submit(requireText("customerId", body.customerId()),
                requireText("purchaseReference", body.purchaseReference(), MAX_REFERENCE_LENGTH),
                requireText("platform", body.platform(), MAX_PLATFORM_LENGTH), reviewUrl(body.url()),
                body.rating(), optionalText("text", body.text(), MAX_REVIEW_TEXT_LENGTH));
        return ResponseEntity.status(HttpStatus.CREATED).body(ReviewView.of(review));
    }

    /**
     * Lists the reviews of a status, oldest submission first: by default the pending ones, which wait for
     * moderation. {@code after} takes the last review id of the previous call to read the next ones.
     */
    @GetMapping("/api/v1/reviews")
    List<ReviewView> reviews(@RequestParam(defaultValue = Review.PENDING) String status,
                             @RequestParam(required = false) String after,
                             @RequestParam(defaultValue = "" + DEFAULT_REVIEW_LIMIT) int limit) {
        String requestedStatus = status.trim().toUpperCase(Locale.ROOT);
        if (!REVIEW_STATUSES.contains(requestedStatus)) {
            throw new InvalidFieldException("status", status, "status must be one of "
                    + String.join(", ", REVIEW_STATUSES) + ", got '" + status + "'");
        }
        if (limit < 1 || limit > MAX_REVIEW_LIMIT) {
            throw new InvalidFieldException("limit", limit, "limit must be within 1.." + MAX_REVIEW_LIMIT
                    + ", got " + limit);
        }
        String afterReviewId = after == null || after.isBlank() ? null : after.trim();
        return reviews.list(requestedStatus, afterReviewId, limit).stream().map(ReviewView::of).toList();
    }

    @GetMapping("/api/v1/reviews/{reviewId}")
    ReviewView review(@PathVariable String reviewId) {
        return ReviewView.of(reviews.find(reviewId));
    }

    @PostMapping("/api/v1/reviews/{reviewId}/approve")
    ReviewView approve(@PathVariable String reviewId, Principal caller) {
        return ReviewView.of(reviews.moderate(reviewId, true, caller.getName()));
    }

    @PostMapping("/api/v1/reviews/{reviewId}/reject")
    ReviewView reject(@PathVariable String reviewId, Principal caller) {
        return ReviewView.of(reviews.moderate(reviewId, false, caller.getName()));
    }

    /**
     * Returns the purchase amount of an action: required for a PURCHASE, from 0 to {@link #MAX_AMOUNT_EUROS}, and
     * 0 for the other types, which earn fixed points.
     */
    private static double amountEuros(LoyaltyAction.Type type, BigDecimal amount) {
        if (type != LoyaltyAction.Type.PURCHASE) {
            if (amount != null && amount.signum() != 0) {
                throw new InvalidFieldException("amountEuros", amount, "amountEuros applies to PURCHASE actions "
                        + "only; remove it from this " + type + " action");
            }
            return 0;
        }
        if (amount == null) {
            throw new InvalidFieldException("amountEuros", null,
                    "amountEuros, the purchase amount in euros, is missing");
        }
        if (amount.signum() < 0 || amount.compareTo(MAX_AMOUNT_EUROS) > 0) {
            throw new InvalidFieldException("amountEuros", amount, "amountEuros, the purchase amount in euros, "
                    + "must be between 0 and 10,000,000, got " + amount);
        }
        return amount.doubleValue();
    }

    /**
     * Returns the link to the published review, or null. Only absolute http and https links are accepted, because a
     * moderation tool may show the link to marketers and a {@code javascript:} or {@code data:} URL would run there.
     */
    private static String reviewUrl(String url) {
        String text = optionalText("url", url, MAX_URL_LENGTH);
        if (text == null) {
            return null;
        }
        URI parsed;
        try {
            parsed = new URI(text);
        } catch (URISyntaxException invalid) {
            throw new InvalidFieldException("url", text, "url is not a valid URL: " + invalid.getMessage());
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || parsed.getHost() == null) {
            throw new InvalidFieldException("url", text,
                    "url must be an absolute http or https link to the published review, got '" + text + "'");
        }
        return text;
    }

    /** Points to spend, with a reference that makes the request idempotent (for example the till's receipt id). */
    @RejectUnknownFields
    record SpendBody(@JsonDeserialize(using = WholeNumberDeserializer.class) Integer points, String reference,
                     String reason) {
    }

    /**
     * An action that may earn points, reported by an app, a channel or the till. {@code amountEuros} is read as a
     * BigDecimal, like a purchase line's amount, so that 1e300 is compared exactly against the cap and text such as
     * "NaN" is rejected as not a number.
     */
    @RejectUnknownFields
    record ActionBody(String customerId, String type, String reference, BigDecimal amountEuros) {

        LoyaltyAction.Type actionType() {
            String value = requireText("type", type);
            String accepted = REPORTED_TYPES.stream().map(Enum::name).collect(Collectors.joining(", "));
            LoyaltyAction.Type parsed;
            try {
                parsed = LoyaltyAction.Type.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                throw new InvalidFieldException("type", type, "unknown loyalty action '" + type + "'; expected one of "
                        + accepted);
            }
            if (!REPORTED_TYPES.contains(parsed)) {
                throw new InvalidFieldException("type", type, "type " + parsed + " is credited by the server, not "
                        + "reported: REVIEW_APPROVED when a review is approved, REFERRAL_REDEEMED when a shared "
                        + "offer is redeemed; expected one of " + accepted);
            }
            return parsed;
        }
    }

    /** Points credited for an action; 0 when no rule rewards it or it was credited before. */
    record Credited(String customerId, String type, String reference, int pointsCredited) {
    }

    /** Accounts whose balance expired in one run. */
    record ExpiryRun(int accountsExpired) {
    }

    /** A review as posted by the social connector; {@code rating} is a whole number from 1 to 5. */
    @RejectUnknownFields
    record ReviewBody(String customerId, String purchaseReference, String platform, String url,
                      @JsonDeserialize(using = WholeNumberDeserializer.class) Integer rating, String text) {
    }

    /** A review and, after an approval, the points it credited. */
    record ReviewView(String reviewId, String customerId, String purchaseReference, String platform, String url,
                      Integer rating, String text, String status, Instant submittedAt, Instant moderatedAt,
                      int pointsCredited) {

        static ReviewView of(Review review) {
            return new ReviewView(review.reviewId(), review.customerId(), review.purchaseReference(),
                    review.platform(), review.url(), review.rating(), review.text(), review.status(),
                    review.submittedAt(), review.moderatedAt(), review.pointsCredited());
        }
    }
}
