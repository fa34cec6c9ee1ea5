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

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class LoyaltyIntegrationTests extends DemoServer {

    @Autowired
    CustomerRepository customers;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void approvedReviewEarnsPointsOncePerPurchase() {
        String customer = newCustomer(LoyaltyTier.BRONZE);
        recordPurchase(customer, "receipt-1001");
        String first = submitReview(customer, "receipt-1001");
        String second = submitReview(customer, "receipt-1001");

        JsonNode approved = marketer().post("/api/v1/reviews/" + first + "/approve", "").json();
        JsonNode approvedAgainForSamePurchase = marketer().post("/api/v1/reviews/" + second + "/approve", "").json();

        assertThat(approved.get("status").asString()).isEqualTo("APPROVED");
        assertThat(approved.get("pointsCredited").asInt()).isEqualTo(50);
        assertThat(approvedAgainForSamePurchase.get("pointsCredited").asInt()).isZero();
        JsonNode statement = app().get("/api/v1/customers/" + customer + "/loyalty").json();
        assertThat(statement.get("balance").asLong()).isEqualTo(50);
        assertThat(statement.get("history").size()).isEqualTo(1);
        assertThat(statement.get("history").get(0).get("reason").asString())
                .isEqualTo("Reward an approved review with 50 points");
        assertThat(statement.get("history").get(0).get("reasonFr").asString())
                .isEqualTo("50 points pour un avis approuvé");
        assertThat(statement.get("history").get(0).get("reference").asString()).isEqualTo("receipt-1001");
    }

    @Test
    void reviewIsModeratedOnlyOnce() {
        String customer = newCustomer(LoyaltyTier.BRONZE);
        recordPurchase(customer, "receipt-2001-" + customer);
        String review = submitReview(customer, "receipt-2001-" + customer);
        marketer().post("/api/v1/reviews/" + review + "/reject", "");

        ApiClient.Response again = marketer().post("/api/v1/reviews/" + review + "/approve", "");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("type").asString()).isEqualTo("urn:solomo:problem:review-already-moderated");
        assertThat(again.json().get("status").asInt()).isEqualTo(409);
        assertThat(again.json().get("reviewStatus").asString()).isEqualTo("REJECTED");
        assertThat(again.json().get("reviewId").asString()).isEqualTo(review);
        assertThat(again.json().get("detail").asString()).contains("already rejected");
    }

    @Test
    void rejectedReviewEarnsNothing() {
        String customer = newCustomer(LoyaltyTier.BRONZE);
        recordPurchase(customer, "receipt-3001-" + customer);
        String review = submitReview(customer, "receipt-3001-" + customer);

        JsonNode rejected = marketer().post("/api/v1/reviews/" + review + "/reject", "").json();

        assertThat(rejected.get("status").asString()).isEqualTo("REJECTED");
        assertThat(app().get("/api/v1/customers/" + customer + "/loyalty").json().get("balance").asLong()).isZero();
    }

    @Test
    void reviewApprovalNeedsTheMarketerRole() {
        String customer = newCustomer(LoyaltyTier.BRONZE);
        recordPurchase(customer, "receipt-4001-" + customer);
        String review = submitReview(customer, "receipt-4001-" + customer);

        assertThat(app().post("/api/v1/reviews/" + review + "/approve", "").status()).isEqualTo(403);
    }

    @Test
    void purchaseEarnsPointsAndRaisesTier() {
        String customer = newCustomer(LoyaltyTier.BRONZE);

        JsonNode credited = app().post("/api/v1/loyalty/actions", """
                {"customerId": "%s", "type": "PURCHASE", "reference": "receipt-5001", "amountEuros": 520.5}"""
                .formatted(customer)).json();

        assertThat(credited.get("pointsCredited").asInt()).isEqualTo(520);
        JsonNode statement = app().get("/api/v1/customers/" + customer + "/loyalty").json();
        assertThat(statement.get("tier").asString()).isEqualTo("SILVER");
        assertThat(customers.findById(customer).orElseThrow().loyaltyTier()).isEqualTo(LoyaltyTier.SILVER);
    }

    @Test
    void replayedActionIsCreditedOnce() {
        String customer = newCustomer(LoyaltyTier.BRONZE);
        String share = """
                {"customerId": "%s", "type": "SOCIAL_SHARE", "reference": "share-1"}""".formatted(customer);

        JsonNode first = app().post("/api/v1/loyalty/actions", share).json();
        JsonNode replay = app().post("/api/v1/loyalty/actions", share).json();

        assertThat(first.get("pointsCredited").asInt()).isEqualTo(10);
        assertThat(replay.get("pointsCredited").asInt()).isZero();
        assertThat(app().get("/api/v1/customers/" + customer + "/loyalty").json().get("balance").asLong())
                .isEqualTo(10);
    }

    @Test
    void spendingBeyondTheBalanceIsRejected() {
        String customer = newCustomer(LoyaltyTier.BRONZE);
        earn(customer, "receipt-6001", 30);

        ApiClient.Response tooMuch = app().post("/api/v1/customers/" + customer + "/loyalty/spend", """
                {"points": 31, "reference": "till-1"}""");
        ApiClient.Response spent = app().post("/api/v1/customers/" + customer + "/loyalty/spend", """
                {"points": 20, "reference": "till-2", "reason": "Free coffee"}""");
        ApiClient.Response replayed = app().post("/api/v1/customers/" + customer + "/loyalty/spend", """
                {"points": 20, "reference": "till-2", "reason": "Free coffee"}""");

        assertThat(tooMuch.status()).isEqualTo(409);
        assertThat(tooMuch.json().get("type").asString()).isEqualTo("urn:solomo:problem:insufficient-points");
        assertThat(tooMuch.json().get("field").asString()).isEqualTo("points");
        assertThat(tooMuch.json().get("value").asInt()).isEqualTo(31);
        assertThat(tooMuch.json().get("balance").asLong()).isEqualTo(30);
        assertThat(spent.json().get("balance").asLong()).isEqualTo(10);
        assertThat(replayed.json().get("balance").asLong()).isEqualTo(10);
        assertThat(spent.json().get("history").get(0).get("kind").asString()).isEqualTo("SPENT");
        assertThat(spent.json().get("history").get(0).get("reasonFr").asString()).isEqualTo("Free coffee");
    }

    @Test
    void spendingReferenceReusedIsRejected() {
        String customer = newCustomer(LoyaltyTier.BRONZE);
        earn(customer, "receipt-6201", 60);
        app().post("/api/v1/customers/" + customer + "/loyalty/spend", """
                {"points": 10, "reference": "till-6201", "reason": "Café offert"}""");

        ApiClient.Response otherPoints = app().post("/api/v1/customers/" + customer + "/loyalty/spend", """
                {"points": 40, "reference": "till-6201", "reason": "Café offert"}""");
        ApiClient.Response otherReason = app().post("/api/v1/customers/" + customer + "/loyalty/spend", """
                {"points": 10, "reference": "till-6201"}""");
        ApiClient.Response sameBody = app().post("/api/v1/customers/" + customer + "/loyalty/spend", """
                {"points": 10, "reference": "till-6201", "reason": "Café offert"}""");

        assertThat(otherPoints.status()).as(otherPoints.text()).isEqualTo(409);
        assertThat(otherPoints.json().get("type").asString()).isEqualTo("urn:solomo:problem:spend-reference-reused");
        assertThat(otherPoints.json().get("field").asString()).isEqualTo("reference");
        assertThat(otherPoints.json().get("value").asString()).isEqualTo("till-6201");
        assertThat(otherPoints.json().get("differentFields").toString()).isEqualTo("[\"points\"]");
        assertThat(otherReason.status()).as(otherReason.text()).isEqualTo(409);
        assertThat(otherReason.json().get("differentFields").toString()).isEqualTo("[\"reason\"]");
        assertThat(sameBody.status()).as(sameBody.text()).isEqualTo(200);
        JsonNode statement = app().get("/api/v1/customers/" + customer + "/loyalty").json();
        assertThat(statement.get("balance").asLong()).isEqualTo(50);
        assertThat(statement.get("history").size()).isEqualTo(2);
    }

    @Test
    void actionOfUnknownCustomerIsNotFound() {
        List<String> actions = List.of(
                "{\"customerId\": \"nobody-%s\", \"type\": \"PURCHASE\", \"reference\": \"p-1\", \"amountEuros\": 0.50}",
                "{\"customerId\": \"nobody-%s\", \"type\": \"STORE_VISIT\", \"reference\": \"v-1\"}");

        for (String action : actions) {
            String body = action.formatted(UUID.randomUUID());

            ApiClient.Response response = app().post("/api/v1/loyalty/actions", body);

            assertThat(response.status()).as(body).isEqualTo(404);
            assertThat(response.json().get("field").asString()).as(body).isEqualTo("customerId");
        }
    }

    @Test
    void statementReasonsHaveFrench() {
        String customer = newCustomer(LoyaltyTier.BRONZE);
        earn(customer, "receipt-6101", 30);
        app().post("/api/v1/customers/" + customer + "/loyalty/spend", """
                {"points": 5, "reference": "till-6101"}""");

        JsonNode history = app().get("/api/v1/customers/" + customer + "/loyalty").json().get("history");

        assertThat(history.get(0).get("reason").asString()).isEqualTo("Points spent");
        assertThat(history.get(0).get("reasonFr").asString()).isEqualTo("Points dépensés");
        assertThat(history.get(1).get("reason").asString()).isEqualTo("Reward a purchase with 1 point per whole euro");
        assertThat(history.get(1).get("reasonFr").asString()).isEqualTo("1 point par euro entier d'achat");
    }

    @Test
    void inactiveBalanceExpires() {
        String customer = newCustomer(LoyaltyTier.BRONZE);
        earn(customer, "receipt-7001", 40);
        jdbc.update("update loyalty_account set last_activity = ? where customer_id = ?",
                Timestamp.from(Instant.parse("2023-01-01T00:00:00Z")), customer);

        JsonNode run = ApiClient.on(port).as("admin", PASSWORD).post("/api/v1/loyalty/expiry-runs", "").json();

        assertThat(run.get("accountsExpired").asInt()).isPositive();
        JsonNode statement = app().get("/api/v1/customers/" + customer + "/loyalty").json();
        assertThat(statement.get("balance").asLong()).isZero();
        assertThat(statement.get("lifetimePoints").asLong()).isEqualTo(40);
        assertThat(statement.get("history").get(0).get("kind").asString()).isEqualTo("EXPIRED");
        assertThat(statement.get("history").get(0).get("points").asInt()).isEqualTo(40);
        assertThat(statement.get("history").get(0).get("reasonFr").asString())
                .isEqualTo("Aucune activité depuis le 1er janvier 2023");
        assertThat(statement.get("history").get(0).get("reason").asString())
                .isEqualTo("No activity since 1 January 2023");
    }

    @Test
    void expiryDateIsInCustomerTimeZone() {
        String customer = newCustomer(LoyaltyTier.BRONZE, ZoneId.of("Pacific/Auckland"));
        earn(customer, "receipt-7101", 40);
        // 12:00 UTC on 31 December is 01:00 on 1 January in Auckland (UTC+13 in summer).
        jdbc.update("update loyalty_account set last_activity = ? where customer_id = ?",
                Timestamp.from(Instant.parse("2022-12-31T12:00:00Z")), customer);

        ApiClient.on(port).as("admin", PASSWORD).post("/api/v1/loyalty/expiry-runs", "");

        JsonNode statement = app().get("/api/v1/customers/" + customer + "/loyalty").json();
        assertThat(statement.get("history").get(0).get("kind").asString()).isEqualTo("EXPIRED");
        assertThat(statement.get("history").get(0).get("reasonFr").asString())
                .isEqualTo("Aucune activité depuis le 1er janvier 2023");
        assertThat(statement.get("history").get(0).get("reason").asString())
                .isEqualTo("No activity since 1 January 2023");
    }

    @Test
    void concurrentCreditsLoseNothing() throws Exception {
        String customer = newCustomer(LoyaltyTier.BRONZE);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Callable<Integer>> credits = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String reference = "receipt-8" + i;
            credits.add(() -> app().post("/api/v1/loyalty/actions", """
                    {"customerId": "%s", "type": "PURCHASE", "reference": "%s", "amountEuros": 10}"""
                    .formatted(customer, reference)).status());
        }

        List<Future<Integer>> statuses = pool.invokeAll(credits);
        pool.shutdown();

        for (Future<Integer> status : statuses) {
            assertThat(status.get()).isEqualTo(200);
        }
        JsonNode statement = app().get("/api/v1/customers/" + customer + "/loyalty").json();
        assertThat(statement.get("balance").asLong()).isEqualTo(240);
        assertThat(statement.get("history").size()).isEqualTo(24);
    }

    @Test
    void amountEurosOutOfRangeIsRejected() {
        String customer = newCustomer(LoyaltyTier.BRONZE);
        List<String> invalid = List.of("1e300", "10000000.01", "-1", "\"NaN\"", "\"abc\"", "true", "null");

        for (String amount : invalid) {
            ApiClient.Response response = app().post("/api/v1/loyalty/actions", """
                    {"customerId": "%s", "type": "PURCHASE", "reference": "p-%s", "amountEuros": %s}"""
                    .formatted(customer, UUID.randomUUID(), amount));

            assertThat(response.status()).as(amount).isEqualTo(400);
            assertThat(response.json().get("type").asString()).as(amount)
                    .isEqualTo("urn:solomo:problem:invalid-field");
            assertThat(response.json().get("field").asString()).as(amount).isEqualTo("amountEuros");
        }
        JsonNode statement = app().get("/api/v1/customers/" + customer + "/loyalty").json();
        assertThat(statement.get("balance").asLong()).isZero();
        assertThat(statement.get("tier").asString()).isEqualTo("BRONZE");
    }

    @Test
    void amountEurosWithHugeExponentIsRejectedShort() {
        ApiClient.Response response = app().post("/api/v1/loyalty/actions", """
                {"customerId": "%s", "type": "PURCHASE", "reference": "p-%s", "amountEuros": 1e999999999}"""
                .formatted(newCustomer(LoyaltyTier.BRONZE), UUID.randomUUID()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").asString()).endsWith("got 1E+999999999");
    }

    @Test
    void amountEurosAtTheCapIsCredited() {
        String customer = newCustomer(LoyaltyTier.BRONZE);

        ApiClient.Response response = app().post("/api/v1/loyalty/actions", """
                {"customerId": "%s", "type": "PURCHASE", "reference": "p-cap", "amountEuros": 1e7}"""
                .formatted(customer));

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.json().get("pointsCredited").asInt()).isEqualTo(10_000_000);
    }

    @Test
    void amountEurosOfAShareIsRejected() {
        ApiClient.Response response = app().post("/api/v1/loyalty/actions", """
                {"customerId": "%s", "type": "SOCIAL_SHARE", "reference": "s-amount", "amountEuros": 30}"""
                .formatted(newCustomer(LoyaltyTier.BRONZE)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("amountEuros");
    }

    @Test
    void serverCreditedActionTypesAreRejected() {
        String customer = newCustomer(LoyaltyTier.BRONZE);

        for (String type : List.of("REVIEW_APPROVED", "REFERRAL_REDEEMED", "review_approved")) {
            ApiClient.Response response = app().post("/api/v1/loyalty/actions", """
                    {"customerId": "%s", "type": "%s", "reference": "receipt-9001"}""".formatted(customer, type));

            assertThat(response.status()).as(type).isEqualTo(400);
            assertThat(response.json().get("field").asString()).as(type).isEqualTo("type");
            assertThat(response.json().get("value").asString()).as(type).isEqualTo(type);
            assertThat(response.json().get("detail").asString()).as(type)
                    .contains("PURCHASE, SOCIAL_SHARE, STORE_VISIT");
        }
        assertThat(app().get("/api/v1/customers/" + customer + "/loyalty").json().get("balance").asLong()).isZero();
    }

    @Test
    void fractionalPointsToSpendAreRejected() {
        String customer = newCustomer(LoyaltyTier.BRONZE);
        earn(customer, "receipt-9101", 30);

        ApiClient.Response fractional = app().post("/api/v1/customers/" + customer + "/loyalty/spend", """
                {"points": 1.5, "reference": "till-fraction"}""");
        ApiClient.Response whole = app().post("/api/v1/customers/" + customer + "/loyalty/spend", """
                {"points": 2.0, "reference": "till-whole"}""");

        assertThat(fractional.status()).isEqualTo(400);
        assertThat(fractional.json().get("field").asString()).isEqualTo("points");
        assertThat(fractional.json().get("value").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(whole.status()).as(whole.text()).isEqualTo(200);
        assertThat(whole.json().get("balance").asLong()).isEqualTo(28);
    }

    @Test
    void unknownActionTypeIsRejected() {
        ApiClient.Response response = app().post("/api/v1/loyalty/actions", """
                {"customerId": "demo-alice", "type": "DANCING", "reference": "x"}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("type");
    }

    @Test
    void misspeltFieldIsRejected() {
        String reference = "typo-" + UUID.randomUUID();
        ApiClient.Response response = app().post("/api/v1/loyalty/actions", """
                {"customerId": "demo-alice", "type": "PURCHASE", "reference": "%s", "amountEuro": 12}"""
                .formatted(reference));

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("amountEuro");
        assertThat(response.json().get("detail").asString()).contains("amountEuros");
        assertThat(app().get("/api/v1/customers/demo-alice/loyalty").text()).doesNotContain(reference);
    }

    @Test
    void reviewWithScriptUrlIsRejected() {
        for (String url : List.of("javascript:alert(1)", "data:text/html,hi", "social.example/post/1")) {
            ApiClient.Response response = app().post("/api/v1/reviews", """
                    {"customerId": "demo-alice", "purchaseReference": "receipt-url", "platform": "instagram",
                     "url": "%s", "rating": 5}""".formatted(url));

            assertThat(response.status()).as(url).isEqualTo(400);
            assertThat(response.json().get("field").asString()).as(url).isEqualTo("url");
            assertThat(response.json().get("value").asString()).as(url).isEqualTo(url);
        }
    }

    @Test
    void emptyReviewIsRejected() {
        ApiClient.Response response = app().post("/api/v1/reviews", """
                {"customerId": "demo-alice", "purchaseReference": "receipt-empty", "platform": "instagram"}""");

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("rating");
        assertThat(response.json().get("detail").asString()).contains("rating, text and url");
    }

    @Test
    void overlongFieldsAreRejectedByName() {
        String long300 = "r".repeat(300);
        List<String[]> cases = List.of(
                new String[] {"/api/v1/reviews", """
                        {"customerId": "demo-alice", "purchaseReference": "%s", "platform": "instagram"}"""
                        .formatted(long300), "purchaseReference"},
                new String[] {"/api/v1/reviews", """
                        {"customerId": "demo-alice", "purchaseReference": "r-1", "platform": "%s"}"""
                        .formatted(long300), "platform"},
                new String[] {"/api/v1/reviews", """
                        {"customerId": "demo-alice", "purchaseReference": "r-1", "platform": "instagram",
                         "text": "%s"}""".formatted("t".repeat(5001)), "text"},
                new String[] {"/api/v1/loyalty/actions", """
                        {"customerId": "demo-alice", "type": "SOCIAL_SHARE", "reference": "%s"}"""
                        .formatted(long300), "reference"},
                new String[] {"/api/v1/customers/demo-alice/loyalty/spend", """
                        {"points": 1, "reference": "%s"}""".formatted(long300), "reference"},
                new String[] {"/api/v1/customers/demo-alice/loyalty/spend", """
                        {"points": 1, "reference": "s-1", "reason": "%s"}""".formatted("x".repeat(301)), "reason"});

        for (String[] request : cases) {
            ApiClient.Response response = app().post(request[0], request[1]);

            assertThat(response.status()).as(request[2]).isEqualTo(400);
            assertThat(response.json().get("field").asString()).isEqualTo(request[2]);
        }
    }

    @Test
    void unknownCustomerHasNoLoyaltyAccount() {
        assertThat(app().get("/api/v1/customers/nobody-here/loyalty").status()).isEqualTo(404);
    }

    private void earn(String customer, String reference, double euros) {
        app().post("/api/v1/loyalty/actions", """
                {"customerId": "%s", "type": "PURCHASE", "reference": "%s", "amountEuros": %s}"""
                .formatted(customer, reference, euros));
    }

    /** Records a purchase of less than a euro, which earns no points, so that only the review's points count. */
    private void recordPurchase(String customer, String purchaseId) {
        ApiClient.Response response = app().post("/api/v1/purchases", """
                {"purchaseId": "%s", "customerId": "%s", "storeId": "demo-bastille",
                 "lines": [{"productId": "CASE-X1", "quantity": 1, "amount": 0.50}]}"""
                .formatted(purchaseId, customer));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
    }

    private String submitReview(String customer, String purchase) {
        ApiClient.Response response = app().post("/api/v1/reviews", """
                {"customerId": "%s", "purchaseReference": "%s", "platform": "instagram",
                 "url": "https://social.example/post/1", "rating": 5, "text": "Très bon accueil"}"""
                .formatted(customer, purchase));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        assertThat(response.json().get("status").asString()).isEqualTo("PENDING");
        return response.json().get("reviewId").asString();
    }

    private String newCustomer(LoyaltyTier tier) {
        return newCustomer(tier, ZoneId.of("Europe/Paris"));
    }

    private String newCustomer(LoyaltyTier tier, ZoneId timeZone) {
        String customerId = "loyalty-" + UUID.randomUUID();
        customers.save(new Customer(customerId, null, tier, Language.FR, timeZone, Instant.now()));
        return customerId;
    }
}
