package io.solomo.decision.share;

import io.solomo.decision.profile.Customer;
import io.solomo.decision.profile.CustomerRepository;
import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import io.solomo.model.Language;
import io.solomo.model.LoyaltyTier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ShareIntegrationTests extends DemoServer {

    private static final String OFFER = "STORE-WELCOME-10";

    @Autowired
    CustomerRepository customers;

    @Test
    void shareRaisesAdvocacyAndCreditsPoints() {
        String sharer = newCustomer();
        int advocacyBefore = advocacyScore(sharer);

        ApiClient.Response created = share(sharer, OFFER);

        assertThat(created.status()).isEqualTo(201);
        String code = created.json().get("code").asString();
        assertThat(created.json().get("url").asString()).isEqualTo("http://127.0.0.1:8080/s/" + code);
        assertThat(created.json().get("pointsCredited").asInt()).isEqualTo(10);
        assertThat(advocacyScore(sharer)).isEqualTo(advocacyBefore + 5);
        JsonNode statement = app().get("/api/v1/customers/" + sharer + "/loyalty").json();
        assertThat(statement.get("balance").asLong()).isEqualTo(10);
        assertThat(statement.get("history").size()).isEqualTo(1);
        assertThat(statement.get("history").get(0).get("reference").asString()).isEqualTo(code);
    }

    @Test
    void publicLinkCountsClicksAndRedirects() {
        String code = share(newCustomer(), OFFER).json().get("code").asString();

        ApiClient.Response first = anonymous().get("/s/" + code);
        ApiClient.Response second = anonymous().get("/s/" + code);

        assertThat(first.status()).isEqualTo(302);
        assertThat(first.location()).isEqualTo("https://app.solomo.example/offer?share=" + code + "&offer=" + OFFER);
        assertThat(second.status()).isEqualTo(302);
        assertThat(app().get("/api/v1/shares/" + code).json().get("clicks").asLong()).isEqualTo(2);
    }

    @Test
    void friendRedemptionCreditsSharerOnce() {
        String sharer = newCustomer();
        String friend = newCustomer();
        String code = share(sharer, OFFER).json().get("code").asString();
        ApiClient.Response claimed = claim(code, friend);
        String coupon = claimed.json().get("couponCode").asString();

        ApiClient.Response redeemed = redeem(coupon);
        ApiClient.Response redeemedAgain = redeem(coupon);

        assertThat(claimed.status()).isEqualTo(201);
        assertThat(claimed.json().get("offerId").asString()).isEqualTo(OFFER);
        assertThat(redeemed.status()).isEqualTo(200);
        assertThat(redeemedAgain.status()).isEqualTo(409);
        JsonNode statement = app().get("/api/v1/customers/" + sharer + "/loyalty").json();
        assertThat(statement.get("balance").asLong()).isEqualTo(10 + 100);
        assertThat(statement.get("history").toString()).contains(coupon);
        assertThat(app().get("/api/v1/customers/" + friend + "/loyalty").json().get("balance").asLong()).isZero();
        assertThat(app().get("/api/v1/shares/" + code).json().get("redeemedClaims").asInt()).isEqualTo(1);
    }

    @Test
    void repeatedClaimReturnsSameCoupon() {
        String code = share(newCustomer(), OFFER).json().get("code").asString();
        String friend = newCustomer();

        String first = claim(code, friend).json().get("couponCode").asString();
        String second = claim(code, friend).json().get("couponCode").asString();

        assertThat(second).isEqualTo(first);
        assertThat(app().get("/api/v1/shares/" + code).json().get("claims").asInt()).isEqualTo(1);
    }

    @Test
    void selfReferralEarnsNothing() {
        String sharer = newCustomer();
        String code = share(sharer, OFFER).json().get("code").asString();

        ApiClient.Response selfClaim = claim(code, sharer);

        assertThat(selfClaim.status()).isEqualTo(400);
        assertThat(selfClaim.json().get("field").asString()).isEqualTo("customerId");
        assertThat(app().get("/api/v1/customers/" + sharer + "/loyalty").json().get("balance").asLong())
                .isEqualTo(10);
        assertThat(app().get("/api/v1/shares/" + code).json().get("claims").asInt()).isZero();
    }

    @Test
    void unknownOfferIsNotFound() {
        String sharer = newCustomer();

        ApiClient.Response response = share(sharer, "NO-SUCH-OFFER");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("field").asString()).isEqualTo("offerId");
        assertThat(advocacyScore(sharer)).isZero();
    }

    @Test
    void unknownSharerIsNotFound() {
        ApiClient.Response response = share("nobody-" + UUID.randomUUID(), OFFER);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("field").asString()).isEqualTo("customerId");
    }

    @Test
    void missingNetworkIsRejected() {
        ApiClient.Response response = app().post("/api/v1/customers/" + newCustomer() + "/shares",
                "{\"offerId\": \"" + OFFER + "\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("network");
    }

    @Test
    void unknownShareCodeIsNotFound() {
        ApiClient.Response click = anonymous().get("/s/ZZZZZZZZ");
        ApiClient.Response claim = claim("ZZZZZZZZ", newCustomer());

        assertThat(click.status()).isEqualTo(404);
        assertThat(claim.status()).isEqualTo(404);
        assertThat(claim.json().get("field").asString()).isEqualTo("code");
    }

    @Test
    void unknownShareCodeShowsBrowserBilingualPage() {
        ApiClient.Response page = anonymous().getAccepting("/s/NOPE",
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "fr");
        ApiClient.Response problem = anonymous().getAccepting("/s/NOPE", "application/json", "fr");

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.text()).contains("<p lang=\"fr\">Ce lien de partage n&#39;existe pas.",
                "<p lang=\"en\">This share link does not exist.");
        assertThat(problem.status()).isEqualTo(404);
        assertThat(problem.contentType()).startsWith("application/problem+json");
        assertThat(problem.json().get("field").asString()).isEqualTo("code");
        assertThat(problem.json().get("value").asString()).isEqualTo("NOPE");
    }

    @Test
    void unknownFriendIsNotFound() {
        String code = share(newCustomer(), OFFER).json().get("code").asString();

        ApiClient.Response response = claim(code, "nobody-" + UUID.randomUUID());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("field").asString()).isEqualTo("customerId");
    }

    @Test
    void sharingNeedsCredentials() {
        ApiClient.Response response = anonymous().post("/api/v1/customers/" + newCustomer() + "/shares",
                "{\"offerId\": \"" + OFFER + "\", \"network\": \"facebook\"}");

        assertThat(response.status()).isEqualTo(401);
    }

    private ApiClient.Response share(String customerId, String offerId) {
        return app().post("/api/v1/customers/" + customerId + "/shares",
                "{\"offerId\": \"" + offerId + "\", \"network\": \"facebook\"}");
    }

    private ApiClient.Response claim(String code, String friend) {
        return app().post("/api/v1/shares/" + code + "/claims", "{\"customerId\": \"" + friend + "\"}");
    }

    private ApiClient.Response redeem(String coupon) {
        return app().post("/api/v1/coupons/" + coupon + "/redeem", "{\"storeId\": \"demo-maubert\"}");
    }

    private int advocacyScore(String customerId) {
        JsonNode profile = marketer().get("/api/v1/customers/" + customerId).json();
        return profile.findValue("advocacyScore").asInt();
    }

    private String newCustomer() {
        String customerId = "share-" + UUID.randomUUID();
        customers.save(new Customer(customerId, null, LoyaltyTier.BRONZE, Language.FR, ZoneId.of("Europe/Paris"),
                Instant.now()));
        return customerId;
    }
}
