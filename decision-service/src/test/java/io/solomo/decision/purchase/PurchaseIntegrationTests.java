package io.solomo.decision.purchase;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.solomo.decision.coupon.CouponIssuer;
import io.solomo.decision.loyalty.LoyaltyProgramme;
import io.solomo.decision.profile.ConsentPurpose;
import io.solomo.decision.profile.ConsentStatus;
import io.solomo.decision.profile.Customer;
import io.solomo.decision.profile.CustomerRepository;
import io.solomo.decision.profile.IdentityType;
import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.SettableClock;
import io.solomo.model.Channel;
import io.solomo.model.Language;
import io.solomo.model.LoyaltyTier;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Purchases posted by a point of sale against the whole server: coupon, datamart, loyalty points, and the
 * follow-up email a few days later, with the days passed on a settable clock and the emails caught by GreenMail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:purchases;DB_CLOSE_DELAY=-1",
        "solomo.public-base-url=http://127.0.0.1:8080",
        "solomo.purchase.follow-up.delay=3d",
        "solomo.purchase.follow-up.poll-interval-ms=100",
        "solomo.purchase.follow-up.start-delay-ms=0",
        "solomo.delivery.poll-interval-ms=50",
        "solomo.delivery.start-delay-ms=0"
})
@ActiveProfiles("demo")
@Import(SettableClock.Configuration.class)
class PurchaseIntegrationTests {

    private static final GreenMail SMTP = startSmtp();
    private static final SettableClock CLOCK = SettableClock.INSTANCE;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CustomerRepository customers;

    @Autowired
    CouponIssuer coupons;

    @Autowired
    LoyaltyProgramme loyalty;

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @Test
    void purchaseEarnsPointsAndProfileFacts() {
        String customerId = customer(Language.FR, ConsentStatus.GRANTED);
        String purchaseId = newId();

        ApiClient.Response response = app().post("/api/v1/purchases", purchase(purchaseId, customerId, null,
                line("PHONE-X1", 1, "499.00"), line("CASE-X1", 2, "39.80")));

        assertThat(response.status()).isEqualTo(201);
        JsonNode body = response.json();
        assertThat(body.get("amount").decimalValue()).isEqualByComparingTo("538.80");
        assertThat(body.get("points").asInt()).isEqualTo(538);
        assertThat(body.get("replayed").asBoolean()).isFalse();
        assertThat(interactionsOf(purchaseId)).isEqualTo(1);
        assertThat(loyalty.statement(customerId).balance()).isEqualTo(538);
        assertThat(jdbc.queryForObject("select status from purchase_follow_up where purchase_id = ?", String.class,
                purchaseId)).isEqualTo("PENDING");
        JsonNode profile = marketer().get("/api/v1/customers/" + customerId).json();
        assertThat(profile.toString()).contains("538.8");
    }

    @Test
    void purchaseRedeemsItsCoupon() {
        String customerId = customer(Language.FR, ConsentStatus.GRANTED);
        String code = coupon(customerId);
        String purchaseId = newId();

        ApiClient.Response response = app().post("/api/v1/purchases", purchase(purchaseId, customerId, code,
                line("CHARGER-30W", 1, "24.90")));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("couponCode").asString()).isEqualTo(code);
        assertThat(jdbc.queryForObject("select redeemed_store_id from coupon where code = ?", String.class, code))
                .isEqualTo("demo-maubert");
        assertThat(interactionsOf(purchaseId)).isEqualTo(1);
    }

    @Test
    void replayStoresNothingTwice() {
        String customerId = customer(Language.FR, ConsentStatus.GRANTED);
        String code = coupon(customerId);
        String purchaseId = newId();
        String body = purchase(purchaseId, customerId, code, line("EARBUDS-AIR", 1, "79.00"));
        assertThat(app().post("/api/v1/purchases", body).status()).isEqualTo(201);

        ApiClient.Response replay = app().post("/api/v1/purchases", body);

        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json().get("replayed").asBoolean()).isTrue();
        assertThat(replay.json().get("points").asInt()).isEqualTo(79);
        assertThat(jdbc.queryForObject("select count(*) from purchase where purchase_id = ?", Integer.class,
                purchaseId)).isEqualTo(1);
        assertThat(interactionsOf(purchaseId)).isEqualTo(1);
        assertThat(loyalty.statement(customerId).balance()).isEqualTo(79);
        assertThat(loyalty.statement(customerId).history()).hasSize(1);
    }

    @Test
    void usedCouponFailsWholePurchase() {
        String customerId = customer(Language.FR, ConsentStatus.GRANTED);
        String code = coupon(customerId);
        assertThat(app().post("/api/v1/purchases", purchase(newId(), customerId, code,
                line("CASE-X1", 1, "19.90"))).status()).isEqualTo(201);
        String secondPurchase = newId();

        ApiClient.Response response = app().post("/api/v1/purchases", purchase(secondPurchase, customerId, code,
                line("PHONE-X1", 1, "499.00")));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:solomo:problem:coupon-already-redeemed");
        assertThat(jdbc.queryForObject("select count(*) from purchase where purchase_id = ?", Integer.class,
                secondPurchase)).isZero();
        assertThat(interactionsOf(secondPurchase)).isZero();
        assertThat(loyalty.statement(customerId).balance()).isEqualTo(19);
    }

    @Test
    void totalAboveTenMillionStoresNothing() {
        String customerId = customer(Language.FR, ConsentStatus.GRANTED);
        String purchaseId = newId();

        ApiClient.Response response = app().post("/api/v1/purchases", purchase(purchaseId, customerId, null,
                line("PHONE-X1", 1, "9000000.00"), line("PHONE-X1", 1, "2000000.00")));

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("lines");
        assertThat(response.json().get("detail").asString())
                .isEqualTo("the purchase total, 11000000.00 euros, is above the maximum of 10,000,000 euros");
        assertThat(jdbc.queryForObject("select count(*) from purchase where purchase_id = ?", Integer.class,
                purchaseId)).isZero();
    }

    @Test
    void unknownProductStoresNothing() {
        String customerId = customer(Language.FR, ConsentStatus.GRANTED);
        String purchaseId = newId();

        ApiClient.Response response = app().post("/api/v1/purchases", purchase(purchaseId, customerId, null,
                line("PHONE-X1", 1, "499.00"), line("NO-SUCH-PRODUCT", 1, "1.00")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text()).contains("lines[1].productId");
        assertThat(jdbc.queryForObject("select count(*) from purchase where purchase_id = ?", Integer.class,
                purchaseId)).isZero();
    }

    @Test
    void otherCustomersCouponIsForbidden() {
        String owner = customer(Language.FR, ConsentStatus.GRANTED);
        String code = coupon(owner);
        String buyer = customer(Language.FR, ConsentStatus.GRANTED);
        String purchaseId = newId();

        ApiClient.Response response = app().post("/api/v1/purchases", purchase(purchaseId, buyer, code,
                line("CASE-X1", 1, "19.90")));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:solomo:problem:coupon-wrong-customer");
        assertThat(response.json().get("field").asString()).isEqualTo("couponCode");
        assertThat(response.json().get("value").asString()).isEqualTo(code);
        assertThat(jdbc.queryForObject("select count(*) from purchase where purchase_id = ?", Integer.class,
                purchaseId)).isZero();
        assertThat(jdbc.queryForObject("select redeemed_at from coupon where code = ?", Object.class, code)).isNull();
        assertThat(loyalty.statement(buyer).balance()).isZero();
    }

    @Test
    void reusedPurchaseIdWithOtherBodyConflicts() {
        String customerId = customer(Language.FR, ConsentStatus.GRANTED);
        String purchaseId = newId();
        post(purchase(purchaseId, customerId, null, line("CASE-X1", 1, "19.90")));

        ApiClient.Response otherAmount = app().post("/api/v1/purchases", purchase(purchaseId, customerId, null,
                line("CASE-X1", 1, "29.90")));
        ApiClient.Response otherProduct = app().post("/api/v1/purchases", purchase(purchaseId, customerId, null,
                line("SCREEN-GLASS-X1", 1, "19.90")));

        assertThat(otherAmount.status()).isEqualTo(409);
        assertThat(otherAmount.json().get("type").asString()).isEqualTo("urn:solomo:problem:purchase-id-reused");
        assertThat(otherAmount.json().get("field").asString()).isEqualTo("purchaseId");
        assertThat(otherAmount.json().get("value").asString()).isEqualTo(purchaseId);
        assertThat(otherAmount.json().get("detail").asString()).contains("amount");
        assertThat(otherProduct.status()).isEqualTo(409);
        assertThat(otherProduct.json().get("detail").asString()).contains("lines");
        assertThat(jdbc.queryForObject("select amount from purchase where purchase_id = ?", java.math.BigDecimal.class,
                purchaseId)).isEqualByComparingTo("19.90");
        assertThat(loyalty.statement(customerId).balance()).isEqualTo(19);
    }

    @Test
    void followUpDueTimeFollowsPurchaseTime() {
        String customerId = customer(Language.FR, ConsentStatus.GRANTED);
        Instant now = CLOCK.instant().truncatedTo(ChronoUnit.SECONDS);

        JsonNode yesterday = postAt(customerId, now.minus(Duration.ofDays(1)));
        JsonNode fiveDaysAgo = postAt(customerId, now.minus(Duration.ofDays(5)));
        JsonNode monthAgo = postAt(customerId, now.minus(Duration.ofDays(30)));

        assertThat(Instant.parse(yesterday.get("followUpDueAt").asString())).isEqualTo(now.plus(Duration.ofDays(2)));
        assertThat(Instant.parse(fiveDaysAgo.get("followUpDueAt").asString()))
                .as("recorded after its follow-up time: due at once").isEqualTo(CLOCK.instant());
        assertThat(monthAgo.get("followUpDueAt").isNull()).as(monthAgo.toString()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from purchase_follow_up where purchase_id = ?", Integer.class,
                monthAgo.get("purchaseId").asString())).isZero();
    }

    @Test
    void reusedIdNamesDifferingFieldOnly() {
        String customerId = customer(Language.FR, ConsentStatus.GRANTED);
        String purchaseId = newId();
        String withoutTime = purchase(purchaseId, customerId, null, line("CASE-X1", 1, "19.90"));
        String firstTime = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS).toString();
        post(withoutTime.replace("\"storeId\"", "\"occurredAt\": \"" + firstTime + "\", \"storeId\""));

        ApiClient.Response repeatWithoutTime = app().post("/api/v1/purchases", withoutTime);
        ApiClient.Response otherTime = app().post("/api/v1/purchases", withoutTime.replace("\"storeId\"",
                "\"occurredAt\": \"" + Instant.now().minus(Duration.ofMinutes(5)).toString() + "\", \"storeId\""));

        assertThat(repeatWithoutTime.status()).as(repeatWithoutTime.text()).isEqualTo(200);
        assertThat(repeatWithoutTime.json().get("replayed").asBoolean()).isTrue();
        assertThat(otherTime.status()).as(otherTime.text()).isEqualTo(409);
        assertThat(otherTime.json().get("differentFields").toString()).isEqualTo("[\"occurredAt\"]");
        assertThat(otherTime.json().get("detail").asString())
                .startsWith("purchase " + purchaseId + " was recorded before with different occurredAt;");
    }

    @Test
    void overlongPurchaseIdIsRejectedByName() {
        String customerId = customer(Language.FR, ConsentStatus.GRANTED);
        String longest = (newId() + "x".repeat(91)).substring(0, 91);
        String tooLong = (newId() + "x".repeat(92)).substring(0, 92);

        ApiClient.Response accepted = app().post("/api/v1/purchases", purchase(longest, customerId, null,
                line("CASE-X1", 1, "19.90")));
        ApiClient.Response rejected = app().post("/api/v1/purchases", purchase(tooLong, customerId, null,
                line("CASE-X1", 1, "19.90")));

        assertThat(accepted.status()).as(accepted.text()).isIn(200, 201);
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.json().get("field").asString()).isEqualTo("purchaseId");
        assertThat(rejected.json().get("detail").asString()).isEqualTo("purchaseId must have at most 91 characters");
    }

    @Test
    void unknownStoreIsNotFound() {
        String customerId = customer(Language.FR, ConsentStatus.GRANTED);
        String purchaseId = newId();

        ApiClient.Response response = app().post("/api/v1/purchases", purchase(purchaseId, customerId, null,
                line("CASE-X1", 1, "19.90")).replace("demo-maubert", "no-such-store"));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("field").asString()).isEqualTo("storeId");
        assertThat(response.json().get("value").asString()).isEqualTo("no-such-store");
        assertThat(jdbc.queryForObject("select count(*) from purchase where purchase_id = ?", Integer.class,
                purchaseId)).isZero();
        assertThat(loyalty.statement(customerId).balance()).isZero();
    }

    @Test
    void badCouponNamesCouponCode() {
        String customerId = customer(Language.FR, ConsentStatus.GRANTED);
        String withdrawn = coupon(customerId);
        jdbc.update("delete from coupon where code = ?", withdrawn);

        ApiClient.Response mistyped = app().post("/api/v1/purchases", purchase(newId(), customerId, "CODE",
                line("CASE-X1", 1, "19.90")));
        ApiClient.Response unknown = app().post("/api/v1/purchases", purchase(newId(), customerId, withdrawn,
                line("CASE-X1", 1, "19.90")));

        assertThat(mistyped.status()).isEqualTo(400);
        assertThat(mistyped.json().get("field").asString()).isEqualTo("couponCode");
        assertThat(mistyped.json().get("value").asString()).isEqualTo("CODE");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("field").asString()).isEqualTo("couponCode");
        assertThat(unknown.json().get("value").asString()).isEqualTo(withdrawn);
    }

    @Test
    void usedCouponProblemNamesCouponCode() {
        String customerId = customer(Language.FR, ConsentStatus.GRANTED);
        String code = coupon(customerId);
        post(purchase(newId(), customerId, code, line("CASE-X1", 1, "19.90")));

        ApiClient.Response response = app().post("/api/v1/purchases", purchase(newId(), customerId, code,
                line("CASE-X1", 1, "19.90")));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("field").asString()).isEqualTo("couponCode");
        assertThat(response.json().get("value").asString()).isEqualTo(code);
    }

    @Test
    void fractionalQuantityIsRejected() {
        String customerId = customer(Language.FR, ConsentStatus.GRANTED);
        String purchaseId = newId();

        ApiClient.Response response = app().post("/api/v1/purchases", purchase(purchaseId, customerId, null,
                "{\"productId\": \"CASE-X1\", \"quantity\": 1.5, \"amount\": 19.90}"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("lines[0].quantity");
        assertThat(response.json().get("value").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(jdbc.queryForObject("select count(*) from purchase where purchase_id = ?", Integer.class,
                purchaseId)).isZero();
    }

    @Test
    void amountWithThreeDecimalsIsRejected() {
        String customerId = customer(Language.FR, ConsentStatus.GRANTED);
        String purchaseId = newId();

        ApiClient.Response response = app().post("/api/v1/purchases", purchase(purchaseId, customerId, null,
                line("CASE-X1", 1, "19.999")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("lines[0].amount");
        assertThat(response.json().get("value").decimalValue()).isEqualByComparingTo("19.999");
        assertThat(response.json().get("detail").asString()).contains("at most 2 decimals");
        assertThat(jdbc.queryForObject("select count(*) from purchase where purchase_id = ?", Integer.class,
                purchaseId)).isZero();
    }

    @Test
    void amountWithHugeScaleIsRejectedShort() {
        String customerId = customer(Language.FR, ConsentStatus.GRANTED);

        ApiClient.Response response = app().post("/api/v1/purchases", purchase(newId(), customerId, null,
                line("CASE-X1", 1, "1e-999999999")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("lines[0].amount");
        assertThat(response.json().get("detail").asString()).endsWith("got 1E-999999999");
    }

    @Test
    void amountWithTrailingZerosIsAccepted() {
        String customerId = customer(Language.FR, ConsentStatus.GRANTED);

        ApiClient.Response response = app().post("/api/v1/purchases", purchase(newId(), customerId, null,
                line("CASE-X1", 1, "19.900")));

        assertThat(response.status()).as(response.text()).isEqualTo(201);
        assertThat(response.json().get("amount").decimalValue()).isEqualByComparingTo("19.90");
    }

    @Test
    void missingQuantityMeansOne() {
        String customerId = customer(Language.FR, ConsentStatus.GRANTED);
        String purchaseId = newId();

        ApiClient.Response response = app().post("/api/v1/purchases", purchase(purchaseId, customerId, null,
                "{\"productId\": \"CASE-X1\", \"amount\": 19.90}", "{\"productId\": \"CHARGER-30W\", "
                        + "\"quantity\": 2.0, \"amount\": 49.80}"));

        assertThat(response.status()).as(response.text()).isEqualTo(201);
        String interaction = jdbc.queryForObject("select attributes_json from interaction where event_id = ?",
                String.class, PurchaseRecording.EVENT_PREFIX + purchaseId);
        assertThat(interaction).contains("\"quantity\":1", "\"quantity\":2");
    }

    @Test
    void unknownFieldsAreRejected() {
        String customerId = customer(Language.FR, ConsentStatus.GRANTED);
        String purchaseId = newId();
        String body = purchase(purchaseId, customerId, null, line("CASE-X1", 1, "19.90"));

        ApiClient.Response topLevel = app().post("/api/v1/purchases", body.replaceFirst("\\{", "{\"extra\": 1, "));
        ApiClient.Response inLine = app().post("/api/v1/purchases", body.replace("\"quantity\"",
                "\"discount\": 5, \"quantity\""));

        assertThat(topLevel.status()).isEqualTo(400);
        assertThat(topLevel.json().get("field").asString()).isEqualTo("extra");
        assertThat(topLevel.json().get("detail").asString()).contains("unknown", "purchaseId", "lines");
        assertThat(inLine.status()).isEqualTo(400);
        assertThat(inLine.json().get("field").asString()).isEqualTo("lines[0].discount");
        assertThat(jdbc.queryForObject("select count(*) from purchase where purchase_id = ?", Integer.class,
                purchaseId)).isZero();
    }

    @Test
    void frenchFollowUpRecommendsUnboughtAccessories() throws Exception {
        String otherCustomer = customer(Language.FR, ConsentStatus.GRANTED);
        post(purchase(newId(), otherCustomer, null, line("PHONE-X1", 1, "499.00"), line("EARBUDS-AIR", 1, "79.00")));
        String customerId = customer(Language.FR, ConsentStatus.GRANTED);
        post(purchase(newId(), customerId, null, line("CASE-X1", 1, "19.90")));
        String purchaseId = newId();
        post(purchase(purchaseId, customerId, null, line("PHONE-X1", 1, "499.00")));

        CLOCK.advance(Duration.ofDays(2));
        Thread.sleep(500);
        assertThat(followUpStatus(purchaseId)).as("follow-up before the delay").isEqualTo("PENDING");
        CLOCK.advance(Duration.ofDays(1).plusMinutes(1));
        String deliveryId = FollowUpMail.awaitDelivery(jdbc, purchaseId, "SENT");

        MimeMessage message = FollowUpMail.awaitMessage(SMTP, deliveryId);
        String text = FollowUpMail.text(message);
        // French binds the space before the colon, so the subject never breaks there.
        assertThat(message.getSubject())
                .isEqualTo("Merci pour votre achat\u00A0: des accessoires qui pourraient vous plaire");
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo(emailOf(customerId));
        assertThat(text).contains("Verre trempé X1 (14,90\u00A0€)", "Chargeur rapide 30 W (24,90\u00A0€)",
                "Écouteurs sans fil Air (79,00\u00A0€)", "réseaux sociaux", "50 points de fidélité");
        assertThat(text).doesNotContain("Coque de protection X1", "Smartphone X1");
    }

    @Test
    void englishCustomerGetsEnglishFollowUp() throws Exception {
        String customerId = customer(Language.EN, ConsentStatus.GRANTED);
        String purchaseId = newId();
        post(purchase(purchaseId, customerId, null, line("TABLET-T10", 1, "349.00")));

        CLOCK.advance(Duration.ofDays(3).plusMinutes(1));
        String deliveryId = FollowUpMail.awaitDelivery(jdbc, purchaseId, "SENT");

        MimeMessage message = FollowUpMail.awaitMessage(SMTP, deliveryId);
        String text = FollowUpMail.text(message);
        assertThat(message.getSubject()).isEqualTo("Thank you for your purchase: accessories you may like");
        assertThat(text).contains("T10 stylus (€39.00)", "30 W fast charger (€24.90)", "social media",
                "50 loyalty points", "Unsubscribe");
        assertThat(text).doesNotContain("T10 tablet");
    }

    @Test
    void followUpWithoutAccessoriesOnlyInvitesReview() throws Exception {
        String customerId = customer(Language.EN, ConsentStatus.GRANTED);
        String purchaseId = newId();
        // Every product of the demo catalogue is bought, so none is left to recommend.
        post(purchase(purchaseId, customerId, null, line("PHONE-X1", 1, "499.00"), line("TABLET-T10", 1, "349.00"),
                line("CASE-X1", 1, "19.90"), line("SCREEN-GLASS-X1", 1, "14.90"), line("CHARGER-30W", 1, "24.90"),
                line("EARBUDS-AIR", 1, "79.00"), line("STYLUS-T10", 1, "39.00")));

        CLOCK.advance(Duration.ofDays(3).plusMinutes(1));
        String deliveryId = FollowUpMail.awaitDelivery(jdbc, purchaseId, "SENT");

        MimeMessage message = FollowUpMail.awaitMessage(SMTP, deliveryId);
        String text = FollowUpMail.text(message);
        assertThat(message.getSubject()).isEqualTo("Thank you for your purchase: share your review");
        assertThat(text).contains("Share your review of your purchase on social media", "50 loyalty points");
        assertThat(text).doesNotContain("we recommend", "accessories");
    }

    @Test
    void reviewedPurchaseGetsNoReviewInvitation() throws Exception {
        String customerId = customer(Language.FR, ConsentStatus.GRANTED);
        String purchaseId = newId();
        post(purchase(purchaseId, customerId, null, line("PHONE-X1", 1, "499.00")));
        approveReview(customerId, purchaseId);

        CLOCK.advance(Duration.ofDays(3).plusMinutes(1));
        String deliveryId = FollowUpMail.awaitDelivery(jdbc, purchaseId, "SENT");

        MimeMessage message = FollowUpMail.awaitMessage(SMTP, deliveryId);
        String text = FollowUpMail.text(message);
        assertThat(message.getSubject())
                .isEqualTo("Merci pour votre achat\u00A0: des accessoires qui pourraient vous plaire");
        assertThat(text).contains("Pour accompagner votre achat, nous vous recommandons", "Coque de protection X1");
        // The approved review already earned the purchase's review points, so an invitation would promise nothing.
        assertThat(text).doesNotContain("réseaux sociaux");
        assertThat(text).doesNotContain("points de fidélité");
    }

    @Test
    void reviewedPurchaseWithoutAccessoriesGetsNoEmail() throws Exception {
        String customerId = customer(Language.EN, ConsentStatus.GRANTED);
        String purchaseId = newId();
        post(purchase(purchaseId, customerId, null, line("PHONE-X1", 1, "499.00"), line("TABLET-T10", 1, "349.00"),
                line("CASE-X1", 1, "19.90"), line("SCREEN-GLASS-X1", 1, "14.90"), line("CHARGER-30W", 1, "24.90"),
                line("EARBUDS-AIR", 1, "79.00"), line("STYLUS-T10", 1, "39.00")));
        ApiClient.Response review = app().post("/api/v1/reviews", """
                {"customerId": "%s", "purchaseReference": "%s", "platform": "instagram", "rating": 4}"""
                .formatted(customerId, purchaseId));
        assertThat(review.status()).as(review.text()).isEqualTo(201);

        CLOCK.advance(Duration.ofDays(3).plusMinutes(1));
        FollowUpMail.await(() -> "SKIPPED".equals(followUpStatus(purchaseId)) ? Optional.of(true) : Optional.empty(),
                "the follow-up of purchase " + purchaseId + " to be skipped");

        assertThat(jdbc.queryForObject("select delivery_id from purchase_follow_up where purchase_id = ?",
                String.class, purchaseId)).isNull();
        assertThat(jdbc.queryForObject("select count(*) from delivery where customer_id = ?", Integer.class,
                customerId)).isZero();
    }

    @Test
    void noEmailWithoutEmailConsent() {
        String customerId = customer(Language.FR, ConsentStatus.DENIED);
        String purchaseId = newId();
        post(purchase(purchaseId, customerId, null, line("PHONE-X1", 1, "499.00")));

        CLOCK.advance(Duration.ofDays(3).plusMinutes(1));
        String deliveryId = FollowUpMail.awaitDelivery(jdbc, purchaseId, "SUPPRESSED");

        assertThat(FollowUpMail.find(SMTP, deliveryId)).isEmpty();
        assertThat(jdbc.queryForObject("select last_error from delivery where delivery_id = ?", String.class,
                deliveryId)).contains("EMAIL");
    }

    private void approveReview(String customerId, String purchaseId) {
        ApiClient.Response review = app().post("/api/v1/reviews", """
                {"customerId": "%s", "purchaseReference": "%s", "platform": "instagram", "rating": 5}"""
                .formatted(customerId, purchaseId));
        assertThat(review.status()).as(review.text()).isEqualTo(201);
        String reviewId = review.json().get("reviewId").asString();
        ApiClient.Response approval = marketer().post("/api/v1/reviews/" + reviewId + "/approve", "");
        assertThat(approval.status()).as(approval.text()).isEqualTo(200);
    }

    private void post(String body) {
        ApiClient.Response response = app().post("/api/v1/purchases", body);
        assertThat(response.status()).as(response.text()).isEqualTo(201);
    }

    private String customer(Language language, ConsentStatus emailConsent) {
        String customerId = "buyer-" + UUID.randomUUID();
        Customer customer = new Customer(customerId, null, LoyaltyTier.BRONZE, language, ZoneId.of("Europe/Paris"),
                CLOCK.instant());
        customer.addIdentity(IdentityType.EMAIL, emailOf(customerId));
        customer.preferChannels(List.of(Channel.EMAIL));
        customer.recordConsent(ConsentPurpose.MARKETING, Channel.EMAIL, emailConsent, "test", CLOCK.instant());
        customers.save(customer);
        return customerId;
    }

    private String coupon(String customerId) {
        return coupons.issue("STORE-WELCOME-10", customerId, null, UUID.randomUUID().toString(), CLOCK.instant(),
                CLOCK.instant().plus(Duration.ofDays(365))).code();
    }

    private int interactionsOf(String purchaseId) {
        return jdbc.queryForObject("select count(*) from interaction where event_id = ?", Integer.class,
                PurchaseRecording.EVENT_PREFIX + purchaseId);
    }

    private String followUpStatus(String purchaseId) {
        return jdbc.queryForObject("select status from purchase_follow_up where purchase_id = ?", String.class,
                purchaseId);
    }

    private static String emailOf(String customerId) {
        return customerId + "@example.org";
    }

    private static String newId() {
        return "till-" + UUID.randomUUID();
    }

    private JsonNode postAt(String customerId, Instant occurredAt) {
        String body = purchase(newId(), customerId, null, line("CASE-X1", 1, "19.90"))
                .replace("\"storeId\"", "\"occurredAt\": \"" + occurredAt + "\", \"storeId\"");
        ApiClient.Response response = app().post("/api/v1/purchases", body);
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.json();
    }

    static String purchase(String purchaseId, String customerId, String couponCode, String... lines) {
        return """
                {"purchaseId": "%s", "customerId": "%s", "storeId": "demo-maubert", %s "lines": [%s]}"""
                .formatted(purchaseId, customerId, couponCode == null ? "" : "\"couponCode\": \"" + couponCode + "\",",
                        String.join(", ", lines));
    }

    static String line(String productId, int quantity, String amount) {
        return """
                {"productId": "%s", "quantity": %d, "amount": %s}""".formatted(productId, quantity, amount);
    }

    private ApiClient app() {
        return ApiClient.on(port).as("app", "demo");
    }

    private ApiClient marketer() {
        return ApiClient.on(port).as("marketer", "demo");
    }

    private static GreenMail startSmtp() {
        GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        return greenMail;
    }
}
