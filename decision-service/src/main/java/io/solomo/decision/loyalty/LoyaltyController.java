package io.solomo.decision.loyalty;

import io.solomo.decision.web.InvalidFieldException;
import io.solomo.model.loyalty.LoyaltyAction;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

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
                reason == null ? "Points spent" : reason);
    }

    @PostMapping("/api/v1/loyalty/actions")
    Credited action(@RequestBody ActionBody body) {
        LoyaltyAction.Type type = body.actionType();
        String customerId = requireText("customerId", body.customerId());
        String reference = requireText("reference", body.reference(), MAX_REFERENCE_LENGTH);
        double amount = body.amountEuros() == null ? 0 : body.amountEuros();
        if (!Double.isFinite(amount) || amount < 0) {
            throw new InvalidFieldException("amountEuros", body.amountEuros(),
                    "amountEuros must be a non-negative number, got " + body.amountEuros());
        }
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
        return ResponseEntity.status(HttpStatus.CREATED).body(ReviewView.of(review, 0));
    }

    @GetMapping("/api/v1/reviews/{reviewId}")
    ReviewView review(@PathVariable String reviewId) {
        return ReviewView.of(reviews.find(reviewId), 0);
    }

    @PostMapping("/api/v1/reviews/{reviewId}/approve")
    ReviewView approve(@PathVariable String reviewId) {
        ReviewModeration.Moderated moderated = reviews.moderate(reviewId, true);
        return ReviewView.of(moderated.review(), moderated.pointsCredited());
    }

    @PostMapping("/api/v1/reviews/{reviewId}/reject")
    ReviewView reject(@PathVariable String reviewId) {
        return ReviewView.of(reviews.moderate(reviewId, false).review(), 0);
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
    record SpendBody(Integer points, String reference, String reason) {
    }

    /** An action that may earn points, reported by an app, a channel or the till. */
    record ActionBody(String customerId, String type, String reference, Double amountEuros) {

        LoyaltyAction.Type actionType() {
            String value = requireText("type", type);
            try {
                return LoyaltyAction.Type.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                throw new InvalidFieldException("type", type, "unknown loyalty action '" + type + "'; expected one of "
                        + Arrays.toString(LoyaltyAction.Type.values()));
            }
        }
    }

    /** Points credited for an action; 0 when no rule rewards it or it was credited before. */
    record Credited(String customerId, String type, String reference, int pointsCredited) {
    }

    /** Accounts whose balance expired in one run. */
    record ExpiryRun(int accountsExpired) {
    }

    /** A review as posted by the social connector. */
    record ReviewBody(String customerId, String purchaseReference, String platform, String url, Integer rating,
                      String text) {
    }

    /** A review and, after an approval, the points it credited. */
    record ReviewView(String reviewId, String customerId, String purchaseReference, String platform, String url,
                      Integer rating, String status, Instant submittedAt, Instant moderatedAt, int pointsCredited) {

        static ReviewView of(Review review, int pointsCredited) {
            return new ReviewView(review.reviewId(), review.customerId(), review.purchaseReference(),
                    review.platform(), review.url(), review.rating(), review.status(), review.submittedAt(),
                    review.moderatedAt(), pointsCredited);
        }
    }
}
