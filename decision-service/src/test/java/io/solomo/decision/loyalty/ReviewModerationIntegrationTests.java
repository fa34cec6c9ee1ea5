package io.solomo.decision.loyalty;

import io.solomo.decision.profile.Customer;
import io.solomo.decision.profile.CustomerRepository;
import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import io.solomo.model.Language;
import io.solomo.model.LoyaltyTier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Submitting, reading, listing and moderating reviews through the API, and what an approval changes. */
class ReviewModerationIntegrationTests extends DemoServer {

    @Autowired
    CustomerRepository customers;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void reviewOfUnknownPurchaseIsRejected() {
        ApiClient.Response response = postReview(newCustomer(), "receipt-never-recorded", "4");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("purchaseReference");
        assertThat(response.json().get("value").asString()).isEqualTo("receipt-never-recorded");
    }

    @Test
    void reviewOfAnotherCustomersPurchaseIsRejected() {
        String buyer = newCustomer();
        String purchase = recordPurchase(buyer);

        ApiClient.Response response = postReview(newCustomer(), purchase, "4");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("purchaseReference");
        assertThat(response.json().get("value").asString()).isEqualTo(purchase);
    }

    @Test
    void reviewOfPurchaseActionIsAccepted() {
        String customer = newCustomer();
        app().post("/api/v1/loyalty/actions", """
                {"customerId": "%s", "type": "PURCHASE", "reference": "till-receipt-1", "amountEuros": 12}"""
                .formatted(customer));

        ApiClient.Response response = postReview(customer, "till-receipt-1", "5");

        assertThat(response.status()).as(response.text()).isEqualTo(201);
    }

    @Test
    void fractionalRatingIsRejected() {
        String customer = newCustomer();
        String purchase = recordPurchase(customer);

        ApiClient.Response fractional = postReview(customer, purchase, "4.5");
        ApiClient.Response whole = postReview(customer, purchase, "4.0");

        assertThat(fractional.status()).isEqualTo(400);
        assertThat(fractional.json().get("field").asString()).isEqualTo("rating");
        assertThat(fractional.json().get("value").decimalValue()).isEqualByComparingTo("4.5");
        assertThat(whole.status()).as(whole.text()).isEqualTo(201);
        assertThat(whole.json().get("rating").asInt()).isEqualTo(4);
    }

    @Test
    void approvedReviewReadsBackInFull() {
        String customer = newCustomer();
        String review = submitReview(customer, recordPurchase(customer));

        marketer().post("/api/v1/reviews/" + review + "/approve", "");
        JsonNode read = app().get("/api/v1/reviews/" + review).json();

        assertThat(read.get("status").asString()).isEqualTo("APPROVED");
        assertThat(read.get("pointsCredited").asInt()).isEqualTo(50);
        assertThat(read.get("text").asString()).isEqualTo("Très bon accueil");
        assertThat(read.get("moderatedAt").isNull()).isFalse();
    }

    @Test
    void secondReviewOfPurchaseReadsBackZeroPoints() {
        String customer = newCustomer();
        String purchase = recordPurchase(customer);
        String first = submitReview(customer, purchase);
        String second = submitReview(customer, purchase);

        marketer().post("/api/v1/reviews/" + first + "/approve", "");
        marketer().post("/api/v1/reviews/" + second + "/approve", "");

        assertThat(app().get("/api/v1/reviews/" + first).json().get("pointsCredited").asInt()).isEqualTo(50);
        assertThat(app().get("/api/v1/reviews/" + second).json().get("pointsCredited").asInt()).isZero();
    }

    @Test
    void pendingReviewsAreListedOldestFirst() {
        String customer = newCustomer();
        String purchase = recordPurchase(customer);
        String first = submitReview(customer, purchase);
        String second = submitReview(customer, purchase);
        String third = submitReview(customer, purchase);
        marketer().post("/api/v1/reviews/" + second + "/approve", "");

        List<String> pending = reviewIdsOf(customer, marketer().get("/api/v1/reviews?limit=500"));
        List<String> approved = reviewIdsOf(customer, marketer().get("/api/v1/reviews?status=approved&limit=500"));
        JsonNode afterFirst = marketer().get("/api/v1/reviews?limit=1&after=" + first).json();

        assertThat(pending).containsExactly(first, third);
        assertThat(approved).containsExactly(second);
        assertThat(afterFirst.size()).isEqualTo(1);
        assertThat(afterFirst.get(0).get("reviewId").asString()).isEqualTo(third);
        assertThat(afterFirst.get(0).get("text").asString()).isEqualTo("Très bon accueil");
    }

    @Test
    void reviewListNeedsTheMarketerRole() {
        assertThat(app().get("/api/v1/reviews").status()).isEqualTo(403);
        assertThat(marketer().get("/api/v1/reviews").status()).isEqualTo(200);
        assertThat(ApiClient.on(port).as("operator", PASSWORD).get("/api/v1/reviews").status()).isEqualTo(200);
    }

    @Test
    void invalidReviewListParametersAreRejected() {
        String[][] cases = {
                {"status=DONE", "status", "400"},
                {"limit=0", "limit", "400"},
                {"limit=501", "limit", "400"},
                {"limit=ten", "limit", "400"},
                {"after=no-such-review", "after", "404"}};

        for (String[] request : cases) {
            ApiClient.Response response = marketer().get("/api/v1/reviews?" + request[0]);

            assertThat(response.status()).as(request[0]).isEqualTo(Integer.parseInt(request[2]));
            assertThat(response.json().get("field").asString()).as(request[0]).isEqualTo(request[1]);
        }
    }

    @Test
    void decidedReviewCannotBeDecidedAgain() {
        String customer = newCustomer();
        String review = submitReview(customer, recordPurchase(customer));
        marketer().post("/api/v1/reviews/" + review + "/approve", "");

        ApiClient.Response approvedAgain = marketer().post("/api/v1/reviews/" + review + "/approve", "");
        ApiClient.Response rejected = marketer().post("/api/v1/reviews/" + review + "/reject", "");

        for (ApiClient.Response response : List.of(approvedAgain, rejected)) {
            assertThat(response.status()).isEqualTo(409);
            assertThat(response.json().get("type").asString())
                    .isEqualTo("urn:solomo:problem:review-already-moderated");
            assertThat(response.json().get("status").asInt()).isEqualTo(409);
            assertThat(response.json().get("reviewStatus").asString()).isEqualTo("APPROVED");
            assertThat(response.json().get("detail").asString()).contains("already approved");
        }
        assertThat(app().get("/api/v1/reviews/" + review).json().get("status").asString()).isEqualTo("APPROVED");
        assertThat(balanceOf(customer)).isEqualTo(50);
    }

    @Test
    void approvalWithoutRecordedPurchaseConflicts() {
        // Reviews submitted before the purchase check existed may name a purchase that was never recorded.
        String customer = newCustomer();
        String review = UUID.randomUUID().toString();
        jdbc.update("insert into review (review_id, customer_id, purchase_reference, platform, url, rating, text, "
                        + "status, submitted_at) values (?, ?, 'made-up-receipt', 'instagram', ?, 5, 'Super', "
                        + "'PENDING', ?)", review, customer, "https://instagram.example/p/" + review,
                OffsetDateTime.parse("2026-11-03T10:00:00Z"));

        ApiClient.Response approved = marketer().post("/api/v1/reviews/" + review + "/approve", "");
        ApiClient.Response rejected = marketer().post("/api/v1/reviews/" + review + "/reject", "");

        assertThat(approved.status()).as(approved.text()).isEqualTo(409);
        assertThat(approved.json().get("type").asString())
                .isEqualTo("urn:solomo:problem:review-purchase-not-recorded");
        assertThat(approved.json().get("value").asString()).isEqualTo("made-up-receipt");
        assertThat(rejected.status()).as(rejected.text()).isEqualTo(200);
        assertThat(app().get("/api/v1/reviews/" + review).json().get("status").asString()).isEqualTo("REJECTED");
        assertThat(balanceOf(customer)).isZero();
    }

    @Test
    void unknownReviewIsNotFound() {
        ApiClient.Response response = marketer().post("/api/v1/reviews/no-such-review/approve", "");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("field").asString()).isEqualTo("reviewId");
    }

    @Test
    void approvalRaisesReviewCountAndAdvocacyOnce() {
        String customer = newCustomer();
        String purchase = recordPurchase(customer);
        String approved = submitReview(customer, purchase);
        String rejected = submitReview(customer, purchase);

        marketer().post("/api/v1/reviews/" + approved + "/approve", "");
        marketer().post("/api/v1/reviews/" + approved + "/approve", "");
        marketer().post("/api/v1/reviews/" + rejected + "/reject", "");

        JsonNode attributes = marketer().get("/api/v1/customers/" + customer).json().get("attributes");
        assertThat(attributes.get("reviewCount").asInt()).isEqualTo(1);
        assertThat(attributes.get("advocacyScore").asInt()).isEqualTo(10);
    }

    @Test
    void concurrentApprovalsCountOnce() throws Exception {
        String customer = newCustomer();
        String review = submitReview(customer, recordPurchase(customer));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Callable<Integer>> approvals = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            approvals.add(() -> marketer().post("/api/v1/reviews/" + review + "/approve", "").status());
        }

        List<Future<Integer>> statuses = pool.invokeAll(approvals);
        pool.shutdown();

        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> status : statuses) {
            codes.add(status.get());
        }
        assertThat(codes).containsExactlyInAnyOrder(200, 409, 409, 409);
        assertThat(balanceOf(customer)).isEqualTo(50);
        JsonNode attributes = marketer().get("/api/v1/customers/" + customer).json().get("attributes");
        assertThat(attributes.get("reviewCount").asInt()).isEqualTo(1);
    }

    private List<String> reviewIdsOf(String customer, ApiClient.Response list) {
        assertThat(list.status()).as(list.text()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.json().forEach(review -> {
            if (review.get("customerId").asString().equals(customer)) {
                ids.add(review.get("reviewId").asString());
            }
        });
        return ids;
    }

    private long balanceOf(String customer) {
        return app().get("/api/v1/customers/" + customer + "/loyalty").json().get("balance").asLong();
    }

    /** Records a purchase of less than a euro, which earns no points, and returns its id. */
    private String recordPurchase(String customer) {
        String purchaseId = "receipt-" + UUID.randomUUID();
        ApiClient.Response response = app().post("/api/v1/purchases", """
                {"purchaseId": "%s", "customerId": "%s", "storeId": "demo-bastille",
                 "lines": [{"productId": "CASE-X1", "quantity": 1, "amount": 0.50}]}"""
                .formatted(purchaseId, customer));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return purchaseId;
    }

    private ApiClient.Response postReview(String customer, String purchase, String rating) {
        return app().post("/api/v1/reviews", """
                {"customerId": "%s", "purchaseReference": "%s", "platform": "instagram",
                 "url": "https://social.example/post/1", "rating": %s, "text": "Très bon accueil"}"""
                .formatted(customer, purchase, rating));
    }

    private String submitReview(String customer, String purchase) {
        ApiClient.Response response = postReview(customer, purchase, "5");
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.json().get("reviewId").asString();
    }

    private String newCustomer() {
        String customerId = "review-" + UUID.randomUUID();
        customers.save(new Customer(customerId, null, LoyaltyTier.BRONZE, Language.FR, ZoneId.of("Europe/Paris"),
                Instant.now()));
        return customerId;
    }
}
