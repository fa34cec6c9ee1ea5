package io.solomo.decision.share;

import io.solomo.decision.coupon.CouponIssuer;
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

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class ShareIntegrationTests extends DemoServer {

    private static final String OFFER = "STORE-WELCOME-10";

    @Autowired
    CustomerRepository customers;

    @Autowired
    CouponIssuer coupons;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void shareRaisesAdvocacyAndCreditsPoints() {
        String sharer = newSharer();
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
    void headChecksShareWithoutClick() {
        String code = share(newSharer(), OFFER).json().get("code").asString();

        ApiClient.Response checked = anonymous().head("/s/" + code);

        assertThat(checked.status()).isEqualTo(302);
        assertThat(checked.location()).isEqualTo("https://app.solomo.example/offer?share=" + code + "&offer=" + OFFER);
        assertThat(app().get("/api/v1/shares/" + code).json().get("clicks").asLong()).isZero();
    }

    @Test
    void publicLinkCountsClicksAndRedirects() {
        String code = share(newSharer(), OFFER).json().get("code").asString();

        ApiClient.Response first = anonymous().get("/s/" + code);
        ApiClient.Response second = anonymous().get("/s/" + code);

        assertThat(first.status()).isEqualTo(302);
        assertThat(first.location()).isEqualTo("https://app.solomo.example/offer?share=" + code + "&offer=" + OFFER);
        assertThat(second.status()).isEqualTo(302);
        assertThat(app().get("/api/v1/shares/" + code).json().get("clicks").asLong()).isEqualTo(2);
    }

    @Test
    void friendRedemptionCreditsSharerOnce() {
        String sharer = newSharer();
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
    void endOfDayClaimEndsFriendsDay() {
        String code = share(newSharer(), OFFER).json().get("code").asString();
        ZoneId paris = ZoneId.of("Europe/Paris");
        Instant before = Instant.now();

        ApiClient.Response claimed = claim(code, newCustomer());

        // STORE-WELCOME-10 ends with the day, so its claim ignores solomo.shares.coupon-validity (14 days). The
        // offer has no store, so the day is that of the friend, in Paris.
        assertThat(claimed.status()).as(claimed.text()).isEqualTo(201);
        Instant expiresAt = Instant.parse(claimed.json().get("expiresAt").asString());
        assertThat(expiresAt).isIn(nextParisMidnight(before, paris), nextParisMidnight(Instant.now(), paris));
    }

    @Test
    void switchedOffOfferCannotBeClaimed() {
        String offerId = "SHARED-THEN-OFF-" + UUID.randomUUID();
        jdbc.update("""
                insert into offer (offer_id, campaign_id, message_fr, message_en, business_value, valid_from, valid_to,
                                   active)
                select ?, campaign_id, message_fr, message_en, business_value, valid_from, valid_to, true
                from offer where offer_id = ?""", offerId, OFFER);
        String sharer = newCustomer();
        Instant now = Instant.now();
        coupons.issue(offerId, sharer, null, UUID.randomUUID().toString(), now, now.plus(Duration.ofDays(7)));
        String code = share(sharer, offerId).json().get("code").asString();
        jdbc.update("update offer set active = false where offer_id = ?", offerId);

        ApiClient.Response claimed = claim(code, newCustomer());

        assertThat(claimed.status()).as(claimed.text()).isEqualTo(409);
        assertThat(claimed.json().get("type").asString()).isEqualTo("urn:solomo:problem:offer-unavailable");
        assertThat(claimed.json().get("value").asString()).isEqualTo(code);
        assertThat(claimed.json().get("detail").asString()).contains("offer " + offerId + " was switched off");
        assertThat(jdbc.queryForObject("select count(*) from share_claim where share_code = ?", Integer.class, code))
                .isZero();
    }

    @Test
    void repeatedClaimReturnsSameCoupon() {
        String code = share(newSharer(), OFFER).json().get("code").asString();
        String friend = newCustomer();

        ApiClient.Response first = claim(code, friend);
        ApiClient.Response second = claim(code, friend);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("repeated").asBoolean()).isFalse();
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("repeated").asBoolean()).isTrue();
        assertThat(second.json().get("couponCode").asString()).isEqualTo(first.json().get("couponCode").asString());
        assertThat(app().get("/api/v1/shares/" + code).json().get("claims").asInt()).isEqualTo(1);
    }

    @Test
    void offerIsClaimedOnceAcrossShares() {
        String sharer = newSharer();
        String otherSharer = newSharer();
        String friend = newCustomer();
        String facebook = share(sharer, OFFER).json().get("code").asString();
        String whatsapp = app().post("/api/v1/customers/" + sharer + "/shares",
                "{\"offerId\": \"" + OFFER + "\", \"network\": \"whatsapp\"}").json().get("code").asString();
        String otherShare = share(otherSharer, OFFER).json().get("code").asString();
        String coupon = claim(facebook, friend).json().get("couponCode").asString();

        ApiClient.Response sameSharer = claim(whatsapp, friend);
        ApiClient.Response otherSharerClaim = claim(otherShare, friend);
        redeem(coupon);

        assertThat(sameSharer.status()).as(sameSharer.text()).isEqualTo(409);
        assertThat(sameSharer.json().get("type").asString()).isEqualTo("urn:solomo:problem:offer-already-claimed");
        assertThat(sameSharer.json().get("field").asString()).isEqualTo("customerId");
        assertThat(sameSharer.json().get("value").asString()).isEqualTo(friend);
        assertThat(sameSharer.json().get("shareCode").asString()).isEqualTo(facebook);
        assertThat(sameSharer.json().get("couponCode").asString()).isEqualTo(coupon);
        assertThat(otherSharerClaim.status()).as(otherSharerClaim.text()).isEqualTo(409);
        assertThat(app().get("/api/v1/shares/" + whatsapp).json().get("claims").asInt()).isZero();
        assertThat(app().get("/api/v1/shares/" + otherShare).json().get("claims").asInt()).isZero();
        assertThat(app().get("/api/v1/customers/" + sharer + "/loyalty").json().get("balance").asLong())
                .isEqualTo(2 * 10 + 100);
        assertThat(app().get("/api/v1/customers/" + otherSharer + "/loyalty").json().get("balance").asLong())
                .isEqualTo(10);
    }

    @Test
    void selfReferralEarnsNothing() {
        String sharer = newSharer();
        String code = share(sharer, OFFER).json().get("code").asString();

        ApiClient.Response selfClaim = claim(code, sharer);

        assertThat(selfClaim.status()).isEqualTo(400);
        assertThat(selfClaim.json().get("field").asString()).isEqualTo("customerId");
        assertThat(selfClaim.json().get("detail").asString()).endsWith("through their own share");
        assertThat(app().get("/api/v1/customers/" + sharer + "/loyalty").json().get("balance").asLong())
                .isEqualTo(10);
        assertThat(app().get("/api/v1/shares/" + code).json().get("claims").asInt()).isZero();
    }

    @Test
    void repeatShareCreditsNoPoints() {
        String sharer = newSharer();
        int advocacyBefore = advocacyScore(sharer);
        ApiClient.Response first = share(sharer, OFFER);

        ApiClient.Response repeat = share(sharer, OFFER);
        ApiClient.Response otherNetwork = app().post("/api/v1/customers/" + sharer + "/shares",
                "{\"offerId\": \"" + OFFER + "\", \"network\": \"whatsapp\"}");

        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.json().get("code").asString()).isEqualTo(first.json().get("code").asString());
        assertThat(repeat.json().get("url").asString()).isEqualTo(first.json().get("url").asString());
        assertThat(repeat.json().get("pointsCredited").asInt()).isZero();
        assertThat(repeat.json().get("repeated").asBoolean()).isTrue();
        assertThat(first.json().get("repeated").asBoolean()).isFalse();
        assertThat(otherNetwork.status()).isEqualTo(201);
        assertThat(otherNetwork.json().get("pointsCredited").asInt()).isEqualTo(10);
        assertThat(advocacyScore(sharer)).isEqualTo(advocacyBefore + 2 * 5);
        assertThat(app().get("/api/v1/customers/" + sharer + "/loyalty").json().get("balance").asLong())
                .isEqualTo(2 * 10);
    }

    @Test
    void simultaneousClaimsShareOneCoupon() throws Exception {
        String code = share(newSharer(), OFFER).json().get("code").asString();
        String friend = newCustomer();

        List<ApiClient.Response> responses = atOnce(4, () -> claim(code, friend));

        assertThat(responses).extracting(ApiClient.Response::status).containsExactlyInAnyOrder(201, 200, 200, 200);
        assertThat(responses).extracting(response -> response.json().path("couponCode").asString(""))
                .containsOnly(responses.get(0).json().path("couponCode").asString(""));
        assertThat(app().get("/api/v1/shares/" + code).json().get("claims").asInt()).isEqualTo(1);
    }

    @Test
    void simultaneousSharesCreditOnce() throws Exception {
        String sharer = newSharer();
        int advocacyBefore = advocacyScore(sharer);

        List<ApiClient.Response> responses = atOnce(4, () -> share(sharer, OFFER));

        assertThat(responses).extracting(ApiClient.Response::status).containsExactlyInAnyOrder(201, 200, 200, 200);
        assertThat(app().get("/api/v1/customers/" + sharer + "/loyalty").json().get("balance").asLong())
                .isEqualTo(10);
        assertThat(advocacyScore(sharer)).isEqualTo(advocacyBefore + 5);
    }

    @Test
    void offerNeverOfferedCannotBeShared() {
        String customer = newCustomer();

        ApiClient.Response response = share(customer, OFFER);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:solomo:problem:share-not-offered");
        assertThat(response.json().get("field").asString()).isEqualTo("offerId");
        assertThat(response.json().get("value").asString()).isEqualTo(OFFER);
        assertThat(advocacyScore(customer)).isZero();
        assertThat(app().get("/api/v1/customers/" + customer + "/loyalty").json().get("balance").asLong())
                .isZero();
    }

    @Test
    void friendWithClaimedCouponCanShare() {
        String friend = newCustomer();
        claim(share(newSharer(), OFFER).json().get("code").asString(), friend);

        ApiClient.Response response = share(friend, OFFER);

        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void sharerCannotRedeemFriendsCoupon() {
        String sharer = newSharer();
        String code = share(sharer, OFFER).json().get("code").asString();
        String coupon = claim(code, newCustomer()).json().get("couponCode").asString();

        ApiClient.Response purchase = app().post("/api/v1/purchases", """
                {"purchaseId": "%s", "customerId": "%s", "storeId": "demo-maubert", "couponCode": "%s",
                 "lines": [{"productId": "CASE-X1", "quantity": 1, "amount": 19.90}]}"""
                .formatted("till-" + UUID.randomUUID(), sharer, coupon));
        ApiClient.Response redeem = app().post("/api/v1/coupons/" + coupon + "/redeem",
                "{\"storeId\": \"demo-maubert\", \"customerId\": \"" + sharer + "\"}");

        assertThat(purchase.status()).isEqualTo(403);
        assertThat(purchase.json().get("field").asString()).isEqualTo("couponCode");
        assertThat(redeem.status()).isEqualTo(403);
        assertThat(redeem.json().get("field").asString()).isEqualTo("code");
        assertThat(app().get("/api/v1/customers/" + sharer + "/loyalty").json().get("balance").asLong())
                .isEqualTo(10);
        assertThat(app().get("/api/v1/shares/" + code).json().get("redeemedClaims").asInt()).isZero();
    }

    @Test
    void unknownFieldsAreRejected() {
        String sharer = newSharer();

        ApiClient.Response shareResponse = app().post("/api/v1/customers/" + sharer + "/shares",
                "{\"offerId\": \"" + OFFER + "\", \"network\": \"facebook\", \"extra\": 1}");
        String code = share(sharer, OFFER).json().get("code").asString();
        ApiClient.Response claimResponse = app().post("/api/v1/shares/" + code + "/claims",
                "{\"customerId\": \"" + newCustomer() + "\", \"extra\": 1}");

        assertThat(shareResponse.status()).isEqualTo(400);
        assertThat(shareResponse.json().get("field").asString()).isEqualTo("extra");
        assertThat(shareResponse.json().get("value").asInt()).isEqualTo(1);
        assertThat(shareResponse.json().get("detail").asString()).contains("offerId", "network");
        assertThat(claimResponse.status()).isEqualTo(400);
        assertThat(claimResponse.json().get("field").asString()).isEqualTo("extra");
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
        ApiClient.Response response = app().post("/api/v1/customers/" + newSharer() + "/shares",
                "{\"offerId\": \"" + OFFER + "\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("network");
        assertThat(response.json().get("detail").asString()).startsWith("network is missing");
    }

    @Test
    void unlistedNetworkIsRejected() {
        String sharer = newSharer();
        int advocacyBefore = advocacyScore(sharer);

        for (String network : List.of("net1", "whatsapp-web", "facebook2")) {
            ApiClient.Response response = app().post("/api/v1/customers/" + sharer + "/shares",
                    "{\"offerId\": \"" + OFFER + "\", \"network\": \"" + network + "\"}");

            assertThat(response.status()).as(network).isEqualTo(400);
            assertThat(response.json().get("field").asString()).as(network).isEqualTo("network");
            assertThat(response.json().get("value").asString()).as(network).isEqualTo(network);
            assertThat(response.json().get("detail").asString()).as(network)
                    .contains("solomo.shares.networks", "facebook, instagram, whatsapp");
        }
        ApiClient.Response listed = app().post("/api/v1/customers/" + sharer + "/shares",
                "{\"offerId\": \"" + OFFER + "\", \"network\": \" Instagram \"}");

        assertThat(listed.status()).as(listed.text()).isEqualTo(201);
        assertThat(listed.json().get("network").asString()).isEqualTo("instagram");
        assertThat(app().get("/api/v1/customers/" + sharer + "/loyalty").json().get("balance").asLong())
                .isEqualTo(10);
        assertThat(advocacyScore(sharer)).isEqualTo(advocacyBefore + 5);
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
        String code = share(newSharer(), OFFER).json().get("code").asString();

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

    /** Sends the same request from several threads released together, and returns the responses. */
    private static List<ApiClient.Response> atOnce(int count, Callable<ApiClient.Response> request) throws Exception {
        ExecutorService apps = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ApiClient.Response>> pending = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                pending.add(apps.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            List<ApiClient.Response> responses = new ArrayList<>();
            for (Future<ApiClient.Response> response : pending) {
                responses.add(response.get());
            }
            return responses;
        } finally {
            apps.shutdownNow();
        }
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

    /** Creates a customer who was offered {@link #OFFER}, with a coupon of it, so that he may share it. */
    private String newSharer() {
        String customerId = newCustomer();
        Instant now = Instant.now();
        coupons.issue(OFFER, customerId, null, UUID.randomUUID().toString(), now, now.plus(Duration.ofDays(7)));
        return customerId;
    }

    private static Instant nextParisMidnight(Instant at, ZoneId paris) {
        return LocalDate.ofInstant(at, paris).plusDays(1).atStartOfDay(paris).toInstant();
    }

    private String newCustomer() {
        String customerId = "share-" + UUID.randomUUID();
        customers.save(new Customer(customerId, null, LoyaltyTier.BRONZE, Language.FR, ZoneId.of("Europe/Paris"),
                Instant.now()));
        return customerId;
    }
}
