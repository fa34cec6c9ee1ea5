package io.solomo.decision.journey;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.SettableClock;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journey the platform exists for, step by step, against the whole server with its routes and database: a
 * magazine QR code, the app's registration merging into the known customer, a push near a store a week later, the
 * purchase with the coupon, the follow-up email a few days later, and the loyalty points for the review. A settable
 * clock makes the week and the days pass in an instant.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:journey;DB_CLOSE_DELAY=-1",
        "solomo.public-base-url=http://127.0.0.1:8080",
        "solomo.purchase.follow-up.delay=3d",
        "solomo.purchase.follow-up.poll-interval-ms=100",
        "solomo.purchase.follow-up.start-delay-ms=0",
        "solomo.delivery.poll-interval-ms=50",
        "solomo.delivery.start-delay-ms=0"
})
@ActiveProfiles("demo")
@Import(SettableClock.Configuration.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SolomoJourneyIntegrationTests {

    private static final GreenMail SMTP = startSmtp();
    private static final SettableClock CLOCK = SettableClock.INSTANCE;
    private static final String INSTALLATION = "install-journey-0001";
    private static final String PURCHASE = "till-12-journey-0001";

    @LocalServerPort
    int port;

    private String anonymousProfile;
    private String couponCode;

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
    @Order(1)
    void magazineQrCodeRecordsTheScanAndOpensTheAppStorePage() {
        CLOCK.advance(Duration.ofHours(2));
        JsonNode link = as("marketer").post("/api/v1/campaigns/in-store-welcome/links", """
                {"redirectUrl": "https://apps.example/solomo-demo"}""").json();

        ApiClient.Response scan = ApiClient.on(port).get("/q/" + link.get("code").asString());

        assertThat(scan.status()).isEqualTo(302);
        assertThat(scan.location()).startsWith("https://apps.example/solomo-demo?utm_source=qr")
                .contains("utm_campaign=in-store-welcome");
        JsonNode links = as("marketer").get("/api/v1/campaigns/in-store-welcome/links").json();
        assertThat(links.get(0).get("scans").asLong()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void registrationWithKnownEmailMergesTheAppIntoTheCustomer() {
        JsonNode installed = interaction("""
                {"eventId": "journey-installed", "type": "APP_INSTALLED", "occurredAt": "%s",
                 "identities": [{"type": "APP_INSTALLATION", "value": "%s"}]}""".formatted(now(), INSTALLATION));
        anonymousProfile = installed.get("customerId").asString();

        JsonNode registered = interaction("""
                {"eventId": "journey-registered", "type": "APP_REGISTERED", "occurredAt": "%s",
                 "identities": [{"type": "APP_INSTALLATION", "value": "%s"},
                                {"type": "EMAIL", "value": "  Alice.Martin@Example.fr "},
                                {"type": "PHONE", "value": "06 55 44 33 22"}]}""".formatted(now(), INSTALLATION));

        assertThat(anonymousProfile).isNotEqualTo("demo-alice");
        assertThat(registered.get("customerId").asString()).isEqualTo("demo-alice");
        JsonNode alice = as("marketer").get("/api/v1/customers/demo-alice").json();
        assertThat(alice.toString()).contains(INSTALLATION).contains("+33655443322");
        assertThat(alice.get("preferences").get("channels").get(0).asString()).isEqualTo("PUSH");
        assertThat(alice.get("mergedFrom").toString()).contains(anonymousProfile);
        JsonNode absorbed = as("marketer").get("/api/v1/customers/" + anonymousProfile).json();
        assertThat(absorbed.get("customerId").asString()).isEqualTo("demo-alice");
        JsonNode decisionForOldId = as("app").post("/api/v1/decisions", """
                {"customerId": "%s", "channel": "EMAIL"}""".formatted(anonymousProfile)).json();
        assertThat(decisionForOldId.get("customerId").asString()).isEqualTo("demo-alice");
    }

    @Test
    @Order(3)
    void aWeekLaterAPushNearTheStoreCarriesItsCouponAndRoute() {
        CLOCK.advance(Duration.ofDays(7));

        ApiClient.Response accepted = as("app").post("/api/v1/location-events", """
                {"eventId": "journey-fix-1", "customerId": "%s", "deviceId": "%s",
                 "latitude": 48.8532, "longitude": 2.3691, "accuracyMeters": 10, "recordedAt": "%s"}"""
                .formatted(anonymousProfile, INSTALLATION, now()));

        assertThat(accepted.status()).isEqualTo(202);
        JsonNode push = awaitDelivery(delivery -> "PUSH".equals(delivery.get("channel").asString())
                && "demo-bastille".equals(delivery.path("storeId").asString(null))
                && !"QUEUED".equals(delivery.get("status").asString()));
        assertThat(push.get("message").asString()).contains("Demo Marché Bastille");
        assertThat(push.get("routeUrl").asString()).startsWith("https://www.openstreetmap.org/directions?");
        couponCode = push.get("couponCode").asString();
        assertThat(couponCode).matches("[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{4}");
    }

    @Test
    @Order(4)
    void purchaseWithTheCouponRedeemsItAndIsRecorded() {
        ApiClient.Response purchase = as("app").post("/api/v1/purchases", """
                {"purchaseId": "%s", "customerId": "demo-alice", "storeId": "demo-bastille", "couponCode": "%s",
                 "lines": [{"productId": "PHONE-X1", "quantity": 1, "amount": 499.00}]}"""
                .formatted(PURCHASE, couponCode));

        assertThat(purchase.status()).as(purchase.text()).isEqualTo(201);
        assertThat(purchase.json().get("couponCode").asString()).isEqualTo(couponCode);
        ApiClient.Response secondUse = as("app").post("/api/v1/coupons/" + couponCode + "/redeem", """
                {"storeId": "demo-bastille"}""");
        assertThat(secondUse.status()).isEqualTo(409);
        JsonNode alice = as("marketer").get("/api/v1/customers/demo-alice").json();
        assertThat(alice.get("attributes").get("purchaseCount").asInt()).isEqualTo(1);
    }

    @Test
    @Order(5)
    void daysLaterAnEmailRecommendsAccessoriesAndInvitesAReview() throws Exception {
        CLOCK.advance(Duration.ofDays(3).plusMinutes(1));

        MimeMessage email = awaitEmailTo("alice.martin@example.fr");

        String body = GreenMailUtil.getBody(email);
        assertThat(body).contains("Coque");
        assertThat(body).doesNotContain("PHONE-X1");
        assertThat(body.toLowerCase()).contains("avis");
    }

    @Test
    @Order(6)
    void approvedReviewCreditsLoyaltyPointsOncePerPurchase() {
        long before = as("app").get("/api/v1/customers/demo-alice/loyalty").json().get("balance").asLong();
        String review = as("app").post("/api/v1/reviews", """
                {"customerId": "demo-alice", "purchaseReference": "%s", "platform": "instagram", "rating": 5}"""
                .formatted(PURCHASE)).json().get("reviewId").asString();
        String secondReview = as("app").post("/api/v1/reviews", """
                {"customerId": "demo-alice", "purchaseReference": "%s", "platform": "facebook", "rating": 4}"""
                .formatted(PURCHASE)).json().get("reviewId").asString();

        JsonNode approved = as("marketer").post("/api/v1/reviews/" + review + "/approve", "").json();
        JsonNode approvedAgain = as("marketer").post("/api/v1/reviews/" + secondReview + "/approve", "").json();

        assertThat(approved.get("pointsCredited").asInt()).isEqualTo(50);
        assertThat(approvedAgain.get("pointsCredited").asInt()).isZero();
        JsonNode loyalty = as("app").get("/api/v1/customers/demo-alice/loyalty").json();
        assertThat(loyalty.get("balance").asLong()).isEqualTo(before + 50);
        List<String> actions = new ArrayList<>();
        loyalty.get("history").forEach(line -> actions.add(line.get("action").asString()));
        assertThat(actions).contains("REVIEW_APPROVED", "PURCHASE", "STORE_VISIT");
    }

    private JsonNode interaction(String body) {
        ApiClient.Response response = as("app").post("/api/v1/interactions", body);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.json().get("status").asString()).isEqualTo("STORED");
        return response.json();
    }

    private JsonNode awaitDelivery(Predicate<JsonNode> match) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode delivery : as("app").get("/api/v1/customers/demo-alice/deliveries").json()) {
                if (match.test(delivery)) {
                    return delivery;
                }
            }
            pause();
        }
        throw new AssertionError("no matching delivery within 30 s: "
                + as("app").get("/api/v1/customers/demo-alice/deliveries").text());
    }

    private static MimeMessage awaitEmailTo(String address) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            for (MimeMessage message : SMTP.getReceivedMessages()) {
                if (message.getAllRecipients()[0].toString().contains(address)) {
                    return message;
                }
            }
            pause();
        }
        throw new AssertionError("no email to " + address + " within 30 s");
    }

    private ApiClient as(String user) {
        return ApiClient.on(port).as(user, "demo");
    }

    private static String now() {
        return CLOCK.instant().toString();
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private static GreenMail startSmtp() {
        GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        return greenMail;
    }
}
