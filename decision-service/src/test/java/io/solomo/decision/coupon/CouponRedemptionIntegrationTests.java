package io.solomo.decision.coupon;

import io.solomo.decision.profile.ConsentPurpose;
import io.solomo.decision.profile.ConsentStatus;
import io.solomo.decision.profile.Customer;
import io.solomo.decision.profile.CustomerRepository;
import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import io.solomo.model.Channel;
import io.solomo.model.Language;
import io.solomo.model.LoyaltyTier;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Coupon redemption from a point of sale, on H2. {@code CouponRedemptionPostgresIntegrationTests} runs it on PostgreSQL. */
class CouponRedemptionIntegrationTests extends DemoServer {

    private static final int RACES = 8;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CustomerRepository customers;

    /** Two tills of the store where the coupon was issued try the same code at the same moment. */
    @Test
    void simultaneousRedemptionsLetExactlyOneSucceed() throws Exception {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RACES; i++) {
            codes.add(issueCoupon());
        }

        ExecutorService pointsOfSale = Executors.newFixedThreadPool(2);
        try {
            for (String code : codes) {
                CountDownLatch start = new CountDownLatch(1);
                Future<ApiClient.Response> first = pointsOfSale.submit(() -> redeemAfter(start, code, "demo-maubert"));
                Future<ApiClient.Response> second = pointsOfSale.submit(() -> redeemAfter(start, code,
                        "demo-maubert"));
                start.countDown();

                List<Integer> statuses = List.of(first.get().status(), second.get().status());
                assertThat(statuses).containsExactlyInAnyOrder(200, 409);
                ApiClient.Response loser = statuses.get(0) == 409 ? first.get() : second.get();
                ApiClient.Response winner = statuses.get(0) == 200 ? first.get() : second.get();
                assertThat(loser.json().get("redeemedAt").asString())
                        .isEqualTo(winner.json().get("redeemedAt").asString());
                assertThat(loser.json().get("redeemedStoreId").asString())
                        .isEqualTo(winner.json().get("storeId").asString());
                assertThat(loser.json().get("detail").asString()).contains("was redeemed at");
            }
        } finally {
            pointsOfSale.shutdownNow();
        }
    }

    @Test
    void invalidCodesAreRejected() {
        String code = issueCoupon();
        String forged = code.substring(0, code.length() - 1) + (code.endsWith("0") ? "1" : "0");

        assertThat(redeem(forged, "demo-maubert").status()).isEqualTo(400);
        String withdrawn = issueCoupon();
        jdbc.update("delete from coupon where code = ?", withdrawn);
        assertThat(redeem(withdrawn, "demo-maubert").status()).isEqualTo(404);

        jdbc.update("update coupon set store_id = 'demo-bastille' where code = ?", code);
        ApiClient.Response elsewhere = redeem(code, "demo-maubert");
        assertThat(elsewhere.status()).isEqualTo(422);
        assertThat(elsewhere.json().get("detail").asString()).contains("demo-bastille");

        jdbc.update("update coupon set expires_at = ? where code = ?",
                Instant.now().minusSeconds(1).atOffset(ZoneOffset.UTC), code);
        assertThat(redeem(code, "demo-bastille").status()).isEqualTo(410);
        assertThat(jdbc.queryForObject("select redeemed_at from coupon where code = ?", Instant.class, code))
                .isNull();
    }

    @Test
    void redemptionNeedsStoreAndAppRole() {
        String code = issueCoupon();

        assertThat(app().post("/api/v1/coupons/" + code + "/redeem", "{}").status()).isEqualTo(400);
        assertThat(marketer().post("/api/v1/coupons/" + code + "/redeem", "{\"storeId\": \"demo-maubert\"}")
                .status()).isEqualTo(403);
        assertThat(redeem(code, "demo-maubert").status()).isEqualTo(200);
    }

    @Test
    void redemptionForOtherCustomerIsForbidden() {
        JsonNode decision = decide();
        String owner = decision.get("customerId").asString();
        String code = decision.get("offers").get(0).get("couponCode").asString();

        ApiClient.Response other = app().post("/api/v1/coupons/" + code + "/redeem",
                "{\"storeId\": \"demo-maubert\", \"customerId\": \"demo-bob\"}");
        ApiClient.Response unknownCustomer = app().post("/api/v1/coupons/" + code + "/redeem",
                "{\"storeId\": \"demo-maubert\", \"customerId\": \"nobody-" + UUID.randomUUID() + "\"}");
        ApiClient.Response own = app().post("/api/v1/coupons/" + code + "/redeem",
                "{\"storeId\": \"demo-maubert\", \"customerId\": \"" + owner + "\"}");

        assertThat(other.status()).isEqualTo(403);
        assertThat(other.json().get("type").asString()).isEqualTo("urn:solomo:problem:coupon-wrong-customer");
        assertThat(other.json().get("field").asString()).isEqualTo("code");
        assertThat(other.json().get("value").asString()).isEqualTo(code);
        assertThat(other.json().get("detail").asString()).contains("demo-bob");
        assertThat(unknownCustomer.status()).isEqualTo(404);
        assertThat(unknownCustomer.json().get("field").asString()).isEqualTo("customerId");
        assertThat(own.status()).isEqualTo(200);
    }

    @Test
    void unknownStoreIsNotFound() {
        String code = issueCoupon();

        ApiClient.Response response = redeem(code, "no-such-store");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("field").asString()).isEqualTo("storeId");
        assertThat(response.json().get("value").asString()).isEqualTo("no-such-store");
        assertThat(jdbc.queryForObject("select redeemed_at from coupon where code = ?", Instant.class, code))
                .isNull();
    }

    @Test
    void badCodeProblemsNameCode() {
        String code = issueCoupon();
        assertThat(redeem(code, "demo-maubert").status()).isEqualTo(200);

        ApiClient.Response mistyped = redeem("CODE", "demo-maubert");
        ApiClient.Response used = redeem(code, "demo-maubert");

        assertThat(mistyped.status()).isEqualTo(400);
        assertThat(mistyped.json().get("field").asString()).isEqualTo("code");
        assertThat(mistyped.json().get("value").asString()).isEqualTo("CODE");
        assertThat(used.status()).isEqualTo(409);
        assertThat(used.json().get("field").asString()).isEqualTo("code");
        assertThat(used.json().get("value").asString()).isEqualTo(code);
    }

    @Test
    void unknownFieldIsRejected() {
        String code = issueCoupon();

        ApiClient.Response response = app().post("/api/v1/coupons/" + code + "/redeem",
                "{\"storeId\": \"demo-maubert\", \"store\": \"demo-bastille\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("store");
        assertThat(jdbc.queryForObject("select redeemed_at from coupon where code = ?", Instant.class, code))
                .isNull();
    }

    @Test
    void geolocatedOfferCarriesDirectionsAndGeoUri() {
        JsonNode offer = decide().get("offers").get(0);

        assertThat(offer.get("routeUrl").asString()).startsWith("https://www.openstreetmap.org/directions");
        assertThat(offer.get("geoUri").asString()).matches("geo:48\\.\\d{6},2\\.\\d{6}\\?q=.*");
    }

    /**
     * Issues a coupon and moves its expiry to a day from now. The decision is taken at a fixed moment so that the
     * same rule fires on every run, while redemptions are checked against the real clock.
     */
    private String issueCoupon() {
        String code = decide().get("offers").get(0).get("couponCode").asString();
        jdbc.update("update coupon set expires_at = ? where code = ?",
                Instant.now().plus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC), code);
        return code;
    }

    /** Decides for a new customer each time, because a redeemed offer is never offered again to its customer. */
    private JsonNode decide() {
        String customerId = "coupon-" + UUID.randomUUID();
        Customer customer = new Customer(customerId, null, LoyaltyTier.GOLD, Language.FR, ZoneId.of("Europe/Paris"),
                Instant.parse("2026-01-01T00:00:00Z"));
        customer.preferChannels(List.of(Channel.PUSH));
        customer.recordConsent(ConsentPurpose.MARKETING, Channel.PUSH, ConsentStatus.GRANTED, "test",
                Instant.parse("2026-01-01T00:00:00Z"));
        customers.save(customer);
        ApiClient.Response decision = app().post("/api/v1/decisions", """
                {"customerId": "%s", "channel": "PUSH", "latitude": 48.85, "longitude": 2.35,
                 "at": "2026-12-04T09:15:00Z", "maxOffers": 1}""".formatted(customerId));
        assertThat(decision.status()).isEqualTo(200);
        return decision.json();
    }

    private ApiClient.Response redeemAfter(CountDownLatch start, String code, String storeId)
            throws InterruptedException {
        start.await();
        return redeem(code, storeId);
    }

    private ApiClient.Response redeem(String code, String storeId) {
        return app().post("/api/v1/coupons/" + code + "/redeem", "{\"storeId\": \"" + storeId + "\"}");
    }
}
