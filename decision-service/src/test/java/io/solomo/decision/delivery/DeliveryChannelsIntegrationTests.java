package io.solomo.decision.delivery;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.solomo.decision.profile.ConsentPurpose;
import io.solomo.decision.profile.ConsentStatus;
import io.solomo.decision.profile.Customer;
import io.solomo.decision.profile.CustomerRepository;
import io.solomo.decision.profile.IdentityType;
import io.solomo.decision.support.ApiClient;
import io.solomo.model.Channel;
import io.solomo.model.Language;
import io.solomo.model.LoyaltyTier;
import io.solomo.model.decision.ChosenOffer;
import io.solomo.model.decision.Decision;
import io.solomo.model.decision.DecisionRequest;
import io.solomo.model.decision.OfferDecisions;
import io.solomo.model.delivery.DeliveryOrder;
import io.solomo.model.offer.ContactContext.Trigger;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every channel against a real server on loopback: HTTP stand-ins for FCM, APNs, an SMS gateway and a webhook
 * receiver, and GreenMail for SMTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:delivery-channels;DB_CLOSE_DELAY=-1",
        "solomo.public-base-url=http://127.0.0.1:8080",
        "solomo.delivery.push.fcm.project-id=demo-project",
        "solomo.delivery.push.fcm.access-token=fcm-test-token",
        "solomo.delivery.push.apns.topic=io.solomo.demo",
        "solomo.delivery.push.apns.auth-token=apns-test-jwt",
        "solomo.delivery.sms.api-key=sms-test-key",
        "solomo.delivery.webhook.secret=webhook-test-secret-0123456789",
        "solomo.delivery.retry.initial-backoff=PT0.2S",
        "solomo.delivery.poll-interval-ms=50",
        "solomo.delivery.start-delay-ms=0"
})
@ActiveProfiles("demo")
class DeliveryChannelsIntegrationTests {

    private static final String WEBHOOK_SECRET = "webhook-test-secret-0123456789";
    private static final LoopbackProvider FCM = LoopbackProvider.start();
    private static final LoopbackProvider APNS = LoopbackProvider.start();
    private static final LoopbackProvider SMS = LoopbackProvider.start();
    private static final LoopbackProvider WEBHOOK = LoopbackProvider.start();
    private static final GreenMail SMTP = startSmtp();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /**
     * The validity line of STORE-WELCOME-10, whose coupons end with the contact's day, in a French sentence. A test
     * run across midnight in Paris can fail on it, because the decision and the send then fall on different days.
     */
    private static final String FRENCH_SAME_DAY = "Valable aujourd'hui jusqu'à 23 h 59";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    OfferDecisions decisions;

    @Autowired
    RecordedDeliveryLog deliveryLog;

    @Autowired
    CustomerRepository customers;

    @Autowired
    TransactionTemplate transaction;

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        registry.add("solomo.delivery.push.fcm.url", FCM::url);
        registry.add("solomo.delivery.push.apns.url", APNS::url);
        registry.add("solomo.delivery.sms.url", () -> SMS.url() + "/sms");
        registry.add("solomo.delivery.webhook.url", () -> WEBHOOK.url() + "/offers");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @AfterAll
    static void stopProviders() {
        FCM.close();
        APNS.close();
        SMS.close();
        WEBHOOK.close();
        SMTP.stop();
    }

    @BeforeEach
    void acceptEverything() {
        for (LoopbackProvider provider : List.of(FCM, APNS, SMS, WEBHOOK)) {
            provider.clear();
            provider.respond(request -> LoopbackProvider.Reply.ok("{\"name\": \"projects/demo-project/messages/1\"}"));
        }
        jdbc.update("delete from device_token");
    }

    @Test
    void pushUsesFcmAndApnsFormats() {
        registerDevice("demo-alice", "alice-android", "FCM", "fcm-token-alice");
        registerDevice("demo-alice", "alice-iphone", "APNS", "a1ce0a1ce0a1ce0a1ce0");

        String deliveryId = deliverAtBastille("demo-alice");

        awaitStatus(deliveryId, "SENT");
        LoopbackProvider.Request fcm = only(FCM.requests());
        assertThat(fcm.path()).isEqualTo("/v1/projects/demo-project/messages:send");
        assertThat(fcm.headers().get("authorization")).isEqualTo("Bearer fcm-test-token");
        JsonNode message = JSON.readTree(fcm.body()).get("message");
        assertThat(message.get("token").asString()).isEqualTo("fcm-token-alice");
        assertThat(message.get("notification").get("body").asString()).contains("Demo Marché Bastille");
        assertThat(message.get("notification").get("body").asString())
                .as("French push text with a breakable space before a mark").doesNotContainPattern(" [:;!?%€]");
        assertThat(message.get("data").get("deliveryId").asString()).isEqualTo(deliveryId);
        assertThat(message.get("data").get("couponCode").asString()).isEqualTo(couponOf(deliveryId));
        assertThat(message.get("notification").get("body").asString())
                .endsWith("\n" + FRENCH_SAME_DAY + ".");
        assertThat(message.get("data").get("couponExpiresAt").asString())
                .isEqualTo(couponExpiryOf(deliveryId).toInstant().toString());
        assertThat(message.get("data").get("geoUri").asString()).startsWith("geo:48.85");
        assertThat(message.get("android").get("collapse_key").asString()).isEqualTo(deliveryId);
        LoopbackProvider.Request apns = only(APNS.requests());
        assertThat(apns.path()).isEqualTo("/3/device/a1ce0a1ce0a1ce0a1ce0");
        assertThat(apns.headers().get("apns-topic")).isEqualTo("io.solomo.demo");
        assertThat(apns.headers().get("apns-push-type")).isEqualTo("alert");
        assertThat(apns.headers().get("apns-id")).isEqualTo(deliveryId);
        assertThat(apns.headers().get("authorization")).isEqualTo("bearer apns-test-jwt");
        assertThat(JSON.readTree(apns.body()).get("aps").get("alert").get("title").asString()).isNotBlank();
    }

    @Test
    void unregisteredTokenIsRemovedAndNeverRetried() {
        registerDevice("demo-alice", "alice-old-iphone", "APNS", "60e60e60e60e");
        APNS.respond(request -> LoopbackProvider.Reply.status(410, "{\"reason\": \"Unregistered\"}"));

        String first = deliverAtBastille("demo-alice");
        awaitStatus(first, "SUPPRESSED");
        String second = deliverAtBastille("demo-alice");
        awaitStatus(second, "SUPPRESSED");

        assertThat(APNS.requests()).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from device_token where token = '60e60e60e60e'",
                Integer.class)).isZero();
        assertThat(lastErrorOf(second)).contains("no registered device");
    }

    @Test
    void emailHasBothPartsAndWorkingUnsubscribeLink() throws Exception {
        String deliveryId = deliverAtBastille("demo-bob");

        awaitStatus(deliveryId, "SENT");
        MimeMessage mail = awaitMail(deliveryId);
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("bob.durand@example.com");
        assertThat(mail.getSubject()).contains("Demo Marché Bastille");
        String unsubscribe = mail.getHeader("List-Unsubscribe")[0];
        assertThat(unsubscribe).startsWith("<http://127.0.0.1:8080/unsubscribe?customer=demo-bob");
        assertThat(mail.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        String text = partOfType(mail, "text/plain");
        String html = partOfType(mail, "text/html");
        assertThat(text).contains(couponOf(deliveryId)).contains("Unsubscribe:");
        assertThat(text).contains("Your coupon: " + couponOf(deliveryId) + ", valid today until 23:59\r\n");
        assertThat(html).contains("</strong>, valid today until 23:59</p>");
        assertThat(html).contains("<strong>" + couponOf(deliveryId) + "</strong>").contains("lang=\"en\"");

        String link = unsubscribe.substring(1, unsubscribe.length() - 1).replace("127.0.0.1:8080", "127.0.0.1:" + port);
        HttpResponse<String> page = plainHttp("GET", link);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("nos offres par e-mail&#8239;?", "our offers by email?");
        assertThat(latestConsent("demo-bob", "EMAIL")).isEqualTo("GRANTED");
        HttpResponse<String> done = plainHttp("POST", link);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(latestConsent("demo-bob", "EMAIL")).isEqualTo("WITHDRAWN");
        HttpResponse<String> forged = plainHttp("POST", link.replaceAll("signature=[0-9a-f]+", "signature=00"));
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(forged.body()).contains("Ce lien de désabonnement n'est pas valide", "link is not valid");
        restoreConsent("demo-bob", Channel.EMAIL);
    }

    @Test
    void frenchEmailBindsSpacesToMarks() throws Exception {
        String customerId = emailCustomer(Language.FR);

        String deliveryId = deliverAtBastille(customerId);

        awaitStatus(deliveryId, "SENT");
        MimeMessage mail = awaitMail(deliveryId);
        String text = partOfType(mail, "text/plain");
        String html = partOfType(mail, "text/html");
        String stored = jdbc.queryForObject("select message from delivery where delivery_id = ?", String.class,
                deliveryId);
        assertThat(mail.getSubject()).doesNotContainPattern(" [:;!?%€]");
        assertThat(stored).doesNotContainPattern(" [:;!?%€]");
        assertThat(text).contains(stored);
        assertThat(text).contains("Votre coupon\u00A0: " + couponOf(deliveryId));
        assertThat(text).contains("Se désabonner\u00A0: http");
        assertThat(html).contains("Votre coupon&nbsp;: <strong>" + couponOf(deliveryId) + "</strong>");
        assertThat(text).contains("Votre coupon\u00A0: " + couponOf(deliveryId) + ", valable aujourd'hui jusqu'à "
                + "23 h 59\r\n");
        assertThat(html).contains("</strong>, valable aujourd&#39;hui jusqu&#39;à 23 h 59</p>");
    }

    @Test
    void smsStopReplyWithdrawsConsent() {
        String customerId = smsCustomer("+33611111111");

        String deliveryId = deliverAtBastille(customerId);

        awaitStatus(deliveryId, "SENT");
        LoopbackProvider.Request sms = only(SMS.requests());
        JsonNode body = JSON.readTree(sms.body());
        assertThat(body.get("to").asString()).isEqualTo("+33611111111");
        assertThat(body.get("text").asString()).contains(couponOf(deliveryId)).contains("STOP");
        assertThat(body.get("encoding").asString()).isEqualTo("GSM7");
        assertThat(body.get("text").asString()).as("GSM-7 has no no-break space").doesNotContain("\u00A0", "\u202F");
        assertThat(body.get("segments").asInt()).isEqualTo(SmsSegments.of(body.get("text").asString()).segments());
        assertThat(body.get("text").asString()).contains(couponOf(deliveryId) + ". " + FRENCH_SAME_DAY
                + ". STOP SMS");
        assertThat(sms.headers().get("idempotency-key")).isEqualTo(deliveryId);

        ApiClient.Response reply = app().post("/api/v1/sms/inbound", """
                {"from": "+33611111111", "text": "Stop"}""");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("outcome").asString()).isEqualTo("CONSENT_WITHDRAWN");
        assertThat(latestConsent(customerId, "SMS")).isEqualTo("WITHDRAWN");
    }

    @Test
    void frenchSmsIsSentInGsm7LookAlikes() {
        String customerId = smsCustomer("+33644444444");
        // Worded as a French decision stores it, with no-break spaces before ":" and inside the guillemets.
        String wording = "Fête des mères chez Demo Marché Bastille\u00A0: «\u00A0cœur\u00A0» offert, reçu garanti";

        String deliveryId = queue(customerId, Channel.SMS, "TEST0-COUPO-N001", wording, Language.FR);

        awaitStatus(deliveryId, "SENT");
        JsonNode body = JSON.readTree(only(SMS.requests()).body());
        assertThat(body.get("text").asString()).isEqualTo("Fete des mères chez Demo Marché Bastille : \"coeur\" "
                + "offert, recu garanti TEST0-COUPO-N001. STOP SMS : répondez STOP");
        assertThat(body.get("encoding").asString()).isEqualTo("GSM7");
        assertThat(body.get("segments").asInt()).isEqualTo(1);
    }

    @Test
    void smsStopFromOtherNumberFormsWithdrawsConsent() {
        // French mobile numbers in ranges that are assigned (61 and 76), which the phone number library checks.
        String digits = String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
        String international = smsCustomer("+3361" + digits);
        String national = smsCustomer("+3376" + digits);

        ApiClient.Response withoutPlus = app().post("/api/v1/sms/inbound",
                "{\"from\": \"3361" + digits + "\", \"text\": \"STOP\"}");
        ApiClient.Response nationalForm = app().post("/api/v1/sms/inbound",
                "{\"from\": \"07 6" + digits + "\", \"text\": \"STOP\"}");

        assertThat(withoutPlus.json().get("outcome").asString()).isEqualTo("CONSENT_WITHDRAWN");
        assertThat(latestConsent(international, "SMS")).isEqualTo("WITHDRAWN");
        assertThat(nationalForm.json().get("outcome").asString()).isEqualTo("CONSENT_WITHDRAWN");
        assertThat(latestConsent(national, "SMS")).isEqualTo("WITHDRAWN");
    }

    @Test
    void smsFrenchOptOutReplyWithdrawsConsent() {
        String customerId = smsCustomer("+33645454545");

        ApiClient.Response reply = app().post("/api/v1/sms/inbound", """
                {"from": "+33645454545", "text": " Désabonner ! "}""");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("outcome").asString()).isEqualTo("CONSENT_WITHDRAWN");
        assertThat(latestConsent(customerId, "SMS")).isEqualTo("WITHDRAWN");
    }

    @Test
    void consentWithdrawnBeforeSendingSuppressesDelivery() {
        String deliveryId = queue("demo-chloe", Channel.SMS);

        awaitStatus(deliveryId, "SUPPRESSED");
        assertThat(SMS.requests()).isEmpty();
        assertThat(lastErrorOf(deliveryId)).isEqualTo("marketing consent for SMS is not granted: the customer withdrew it");
    }

    @Test
    void permanentFailureIsDeadAndReplayable() {
        String customerId = smsCustomer("+33622222222");
        SMS.respond(request -> LoopbackProvider.Reply.status(400, "{\"error\": \"invalid sender\"}"));

        String deliveryId = queue(customerId, Channel.SMS);

        awaitStatus(deliveryId, "DEAD");
        assertThat(SMS.requests()).hasSize(1);
        JsonNode deadLetter = deadLetterOf(deliveryId);
        assertThat(deadLetter.get("reason").asString()).contains("400").contains("invalid sender");
        assertThat(app().get("/api/v1/dead-letters").status()).isEqualTo(403);

        SMS.respond(request -> LoopbackProvider.Reply.ok("{\"messageId\": \"gw-1\"}"));
        String replayPath = "/api/v1/dead-letters/" + deadLetter.get("deadLetterId").asString() + "/replay";
        assertThat(marketer().post(replayPath, "{}").status()).isEqualTo(403);
        ApiClient.Response replayed = admin().post(replayPath, "{}");
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.json().get("replayed").asBoolean()).isTrue();
        assertThat(replayed.json().get("replayedAt").isNull()).isFalse();

        awaitStatus(deliveryId, "SENT");
        assertThat(SMS.requests()).hasSize(2);
        assertThat(admin().post(replayPath, "{}").status()).isEqualTo(409);
        assertThat(marketer().get("/api/v1/dead-letters").text()).doesNotContain(deliveryId);
    }

    @Test
    void deadLetterViewOmitsOutboxInternals() {
        String customerId = smsCustomer("+33633333333");
        SMS.respond(request -> LoopbackProvider.Reply.status(400, "{\"error\": \"unknown number\"}"));

        String deliveryId = queue(customerId, Channel.SMS);

        awaitStatus(deliveryId, "DEAD");
        JsonNode deadLetter = deadLetterOf(deliveryId);
        List<String> fields = new ArrayList<>(deadLetter.propertyNames());
        assertThat(fields).containsExactlyInAnyOrder("deadLetterId", "deliveryId", "channel", "customerId",
                "recipients", "offerId", "storeId", "title", "body", "reason", "attempts", "failedAt", "replayed",
                "replayedAt");
        assertThat(deadLetter.get("channel").asString()).isEqualTo("SMS");
        assertThat(deadLetter.get("customerId").asString()).isEqualTo(customerId);
        assertThat(deadLetter.get("recipients").get(0).asString()).isEqualTo("+33633333333");
        assertThat(deadLetter.get("recipients").size()).isEqualTo(1);
        assertThat(deadLetter.get("offerId").asString()).isEqualTo("STORE-WELCOME-10");
        assertThat(deadLetter.get("storeId").asString()).isEqualTo("demo-bastille");
        assertThat(deadLetter.get("body").asString()).isEqualTo("Demo Marché Bastille: 10% off today");
        assertThat(deadLetter.get("reason").asString()).contains("400").contains("unknown number");
        assertThat(deadLetter.get("attempts").asInt()).isEqualTo(1);
        assertThat(deadLetter.get("failedAt").asString()).isNotBlank();
        assertThat(deadLetter.get("replayed").asBoolean()).isFalse();
        assertThat(deadLetter.get("replayedAt").isNull()).isTrue();
        assertThat(deadLetter.toString()).as("no outbox internals such as the claim token").doesNotContain("claim")
                .doesNotContain("nextAttempt").doesNotContain("TEST0-COUPO-N000");
    }

    @Test
    void transientWebhookFailureIsRetriedAndSigned() throws Exception {
        WEBHOOK.respond(request -> WEBHOOK.requests().size() == 1
                ? LoopbackProvider.Reply.status(503, "busy") : LoopbackProvider.Reply.ok("{}"));

        String deliveryId = queue("demo-alice", Channel.WEBHOOK);

        awaitStatus(deliveryId, "SENT");
        assertThat(WEBHOOK.requests()).hasSize(2);
        assertThat(jdbc.queryForObject("select attempts from delivery where delivery_id = ?", Integer.class,
                deliveryId)).isEqualTo(2);
        LoopbackProvider.Request sent = WEBHOOK.requests().get(1);
        String timestamp = sent.headers().get("x-solomo-timestamp");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(
                mac.doFinal((timestamp + "." + sent.body()).getBytes(StandardCharsets.UTF_8)));
        assertThat(sent.headers().get("x-solomo-signature")).isEqualTo(expected);
        assertThat(JSON.readTree(sent.body()).get("deliveryId").asString()).isEqualTo(deliveryId);
    }

    @Test
    void overlongInstallationIdIsRejectedByName() {
        String installationId = "i".repeat(201);

        ApiClient.Response response = app().put("/api/v1/customers/demo-alice/devices/" + installationId,
                "{\"platform\": \"FCM\", \"token\": \"token-1\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("installationId");
        assertThat(jdbc.queryForObject("select count(*) from device_token where installation_id = ?",
                Integer.class, installationId)).isZero();
    }

    @Test
    void badTokensAreRejectedWithValue() {
        String overlong = "t".repeat(501);

        ApiClient.Response tooLong = app().put("/api/v1/customers/demo-alice/devices/token-check",
                "{\"platform\": \"FCM\", \"token\": \"" + overlong + "\"}");
        ApiClient.Response blank = app().put("/api/v1/customers/demo-alice/devices/token-check",
                "{\"platform\": \"FCM\", \"token\": \"  \"}");
        ApiClient.Response apnsNotHex = app().put("/api/v1/customers/demo-alice/devices/token-check",
                "{\"platform\": \"APNS\", \"token\": \"<7a1e 9b00>\"}");

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("field").asString()).isEqualTo("token");
        assertThat(tooLong.json().get("value").asString()).startsWith("tttt");
        assertThat(tooLong.json().get("detail").asString()).contains("at most 500 characters, got 501");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().get("field").asString()).isEqualTo("token");
        assertThat(blank.json().get("value").asString()).isEqualTo("  ");
        assertThat(blank.json().get("detail").asString()).contains("token is blank");
        assertThat(apnsNotHex.status()).isEqualTo(400);
        assertThat(apnsNotHex.json().get("value").asString()).isEqualTo("<7a1e 9b00>");
        assertThat(apnsNotHex.json().get("detail").asString()).contains("hexadecimal");
        assertThat(jdbc.queryForObject("select count(*) from device_token where installation_id = 'token-check'",
                Integer.class)).isZero();
    }

    @Test
    void deliveryWordingMatchesDecisionAnswer() {
        for (Language language : Language.values()) {
            Decision decision = decisions.decide(new DecisionRequest(emailCustomer(language), null, 48.8532, 2.3691,
                    "demo-bastille", null, 1, Trigger.GEOFENCE_ENTER, "test-" + UUID.randomUUID()));
            ChosenOffer offer = decision.offers().get(0);
            Map<String, Object> delivery = jdbc.queryForMap("select title, message from delivery "
                    + "where decision_id = ?", decision.decisionId());

            assertThat(offer.title()).as("email subject in %s", language).isNotBlank();
            assertThat(delivery.get("title")).as("title in %s", language).isEqualTo(offer.title());
            assertThat(delivery.get("message")).as("message in %s", language).isEqualTo(offer.channelMessage());
        }
    }

    @Test
    void demoOffersHaveEveryTreatment() {
        // The demo profile's offers; other tests add offers of their own to the shared demo database.
        List<String> offerIds = List.of("STORE-WELCOME-10", "GOLD-MORNING-COFFEE", "WEEKEND-FLOWERS",
                "APP-LOYALTY-5EUR", "REGULAR-THANKS", "ADVOCATE-THANKS");
        for (String offerId : offerIds) {
            List<String> treatments = jdbc.queryForList("select channel || '/' || language from offer_treatment "
                    + "where offer_id = ? order by channel, language", String.class, offerId);
            assertThat(treatments).as("treatments of %s", offerId).containsExactly("EMAIL/en", "EMAIL/fr",
                    "IN_APP/en", "IN_APP/fr", "PUSH/en", "PUSH/fr", "SMS/en", "SMS/fr", "WEBHOOK/en", "WEBHOOK/fr");
        }
    }

    @Test
    void demoSmsWordingWritesEuroSign() {
        List<String> bodies = jdbc.queryForList("select body from offer_treatment where channel = 'SMS' "
                + "and offer_id in ('WEEKEND-FLOWERS', 'APP-LOYALTY-5EUR') order by offer_id, language", String.class);

        assertThat(bodies).containsExactly("€5 off your next order, code",
                "5 € offerts sur votre prochaine commande, code", "This weekend at {store}: free bouquet from €30, code",
                "Ce week-end chez {store} : bouquet offert dès 30 €, code");
        for (String body : bodies) {
            assertThat(SmsSegments.of(body).encoding()).as(body).isEqualTo("GSM7");
        }
    }

    @Test
    void inboxListsInAppOffers() {
        String deliveryId = queue("demo-alice", Channel.IN_APP);

        awaitStatus(deliveryId, "SENT");
        JsonNode inbox = app().get("/api/v1/customers/demo-alice/inbox").json();
        assertThat(inbox.findValuesAsString("deliveryId")).contains(deliveryId);
        assertThat(inbox.findValuesAsString("channel")).containsOnly("IN_APP");

        ApiClient.Response opened = app().post("/api/v1/deliveries/" + deliveryId + "/receipts",
                "{\"status\": \"OPENED\"}");
        ApiClient.Response late = app().post("/api/v1/deliveries/" + deliveryId + "/receipts",
                "{\"status\": \"DELIVERED\"}");

        assertThat(opened.json().get("status").asString()).isEqualTo("OPENED");
        assertThat(late.json().get("status").asString()).isEqualTo("OPENED");
        assertThat(app().post("/api/v1/deliveries/" + deliveryId + "/receipts", "{\"status\": \"DEAD\"}").status())
                .isEqualTo(400);
    }

    @Test
    void inboxGivesCouponValidityInCustomerZone() {
        String customerId = "inbox-" + UUID.randomUUID();
        customers.save(new Customer(customerId, "Test inbox", LoyaltyTier.BRONZE, Language.EN,
                ZoneId.of("Pacific/Auckland"), Instant.now()));
        String code = "INBOX-" + customerId.substring(6, 14).toUpperCase();
        // 12:00 UTC on 2 December 2099 is 01:00 on 3 December in Auckland: the coupon is valid all of the 2nd there.
        insertCoupon(code, customerId, Instant.now(), Instant.parse("2099-12-02T12:00:00Z"));
        String deliveryId = queue(customerId, Channel.IN_APP, code);

        awaitStatus(deliveryId, "SENT");
        JsonNode item = app().get("/api/v1/customers/" + customerId + "/inbox").json().get(0);

        assertThat(item.get("deliveryId").asString()).isEqualTo(deliveryId);
        assertThat(item.get("couponExpiresAt").asString()).isEqualTo("2099-12-02T12:00:00Z");
        assertThat(item.get("couponValidity").asString()).isEqualTo("valid until 2 December 2099");
    }

    @Test
    void webhookCarriesCouponExpiry() throws Exception {
        String customerId = "hook-" + UUID.randomUUID();
        customers.save(new Customer(customerId, "Test webhook", LoyaltyTier.BRONZE, Language.FR,
                ZoneId.of("Europe/Paris"), Instant.now()));
        String code = "HOOK-" + customerId.substring(5, 13).toUpperCase();
        insertCoupon(code, customerId, Instant.now(), Instant.parse("2099-12-02T12:00:00Z"));
        String deliveryId = queue(customerId, Channel.WEBHOOK, code);

        awaitStatus(deliveryId, "SENT");
        JsonNode payload = JSON.readTree(WEBHOOK.requests().get(0).body());

        assertThat(payload.get("couponCode").asString()).isEqualTo(code);
        assertThat(payload.get("couponExpiresAt").asString()).isEqualTo("2099-12-02T12:00:00Z");
        assertThat(payload.get("couponValidity").asString()).isEqualTo("valid until 1 December 2099");
    }

    @Test
    void routeDeliveryKeepsChannelWording() {
        String decisionId = UUID.randomUUID().toString();
        ChosenOffer offer = new ChosenOffer("STORE-WELCOME-10", "demo-bastille", Channel.PUSH, 1.0,
                "general message", "TEST0-COUPO-N000", null, null, List.of("test"), null, "-10 %",
                "Demo Marché Bastille : -10 %");

        String deliveryId = deliveryLog.record(new DeliveryOrder(decisionId, "demo-alice", null, offer), "SENT");

        assertThat(jdbc.queryForObject("select title from delivery where delivery_id = ?", String.class,
                deliveryId)).isEqualTo("-10 %");
        assertThat(jdbc.queryForObject("select message from delivery where delivery_id = ?", String.class,
                deliveryId)).isEqualTo("Demo Marché Bastille : -10 %");
    }

    @Test
    void expiredCouponSuppressesDelivery() {
        String customerId = "expired-" + UUID.randomUUID();
        customers.save(new Customer(customerId, "Test expired", LoyaltyTier.BRONZE, Language.EN,
                ZoneId.of("Europe/Paris"), Instant.now()));
        String code = "EXPIR-" + customerId.substring(8, 16).toUpperCase();
        insertCoupon(code, customerId, Instant.now().minusSeconds(7_200), Instant.now().minusSeconds(60));
        String deliveryId = queue(customerId, Channel.IN_APP, code);

        awaitStatus(deliveryId, "SUPPRESSED");
        assertThat(lastErrorOf(deliveryId)).startsWith("coupon " + code + " expires at ")
                .contains("before the delivery could be sent");
        assertThat(app().get("/api/v1/customers/" + customerId + "/inbox").json().isEmpty()).isTrue();
    }

    private String deliverAtBastille(String customerId) {
        Decision decision = decisions.decide(new DecisionRequest(customerId, null, 48.8532, 2.3691, "demo-bastille",
                null, 1, Trigger.GEOFENCE_ENTER, "test-" + UUID.randomUUID()));
        assertThat(decision.offers()).hasSize(1);
        return jdbc.queryForObject("select delivery_id from delivery where decision_id = ?", String.class,
                decision.decisionId());
    }

    /** Stores a coupon of the demo welcome offer at Demo Marché Bastille, as a decision would issue it. */
    private void insertCoupon(String code, String customerId, Instant issuedAt, Instant expiresAt) {
        jdbc.update("""
                insert into coupon (code, offer_id, customer_id, store_id, decision_id, issued_at, expires_at)
                values (?, 'STORE-WELCOME-10', ?, 'demo-bastille', ?, ?, ?)""",
                code, customerId, UUID.randomUUID().toString(), java.sql.Timestamp.from(issuedAt),
                java.sql.Timestamp.from(expiresAt));
    }

    /** Queues a delivery of the demo welcome offer as a decision would, on any channel. */
    private String queue(String customerId, Channel channel) {
        return queue(customerId, channel, "TEST0-COUPO-N000");
    }

    private String queue(String customerId, Channel channel, String couponCode) {
        return queue(customerId, channel, couponCode, "Demo Marché Bastille: 10% off today", Language.EN);
    }

    private String queue(String customerId, Channel channel, String couponCode, String message, Language language) {
        String deliveryId = UUID.randomUUID().toString();
        jdbc.update("""
                insert into delivery (delivery_id, decision_id, customer_id, offer_id, store_id, channel, status,
                    title, message, language, coupon_code, attempts, created_at)
                values (?, ?, ?, 'STORE-WELCOME-10', 'demo-bastille', ?, 'QUEUED', '10% off today',
                    ?, ?, ?, 0, current_timestamp)""",
                deliveryId, UUID.randomUUID().toString(), customerId, channel.name(), message, language.code(),
                couponCode);
        return deliveryId;
    }

    private String smsCustomer(String phone) {
        String customerId = "sms-" + UUID.randomUUID();
        transaction.executeWithoutResult(status -> {
            Customer customer = new Customer(customerId, "Test SMS", LoyaltyTier.BRONZE, Language.FR,
                    ZoneId.of("Europe/Paris"), Instant.now());
            customer.addIdentity(IdentityType.PHONE, phone);
            customer.preferChannels(List.of(Channel.SMS));
            customer.recordConsent(ConsentPurpose.MARKETING, Channel.SMS, ConsentStatus.GRANTED, "test",
                    Instant.now().minusSeconds(60));
            customers.save(customer);
        });
        return customerId;
    }

    private String emailCustomer(Language language) {
        String customerId = "email-" + UUID.randomUUID();
        transaction.executeWithoutResult(status -> {
            Customer customer = new Customer(customerId, "Test email", LoyaltyTier.BRONZE, language,
                    ZoneId.of("Europe/Paris"), Instant.now());
            customer.addIdentity(IdentityType.EMAIL, customerId + "@example.fr");
            customer.preferChannels(List.of(Channel.EMAIL));
            customer.recordConsent(ConsentPurpose.MARKETING, Channel.EMAIL, ConsentStatus.GRANTED, "test",
                    Instant.now().minusSeconds(60));
            customers.save(customer);
        });
        return customerId;
    }

    private void restoreConsent(String customerId, Channel channel) {
        transaction.executeWithoutResult(status -> customers.findById(customerId).orElseThrow()
                .recordConsent(ConsentPurpose.MARKETING, channel, ConsentStatus.GRANTED, "test", Instant.now()));
    }

    private void registerDevice(String customerId, String installationId, String platform, String token) {
        ApiClient.Response response = app().put("/api/v1/customers/" + customerId + "/devices/" + installationId,
                "{\"platform\": \"" + platform + "\", \"token\": \"" + token + "\"}");
        assertThat(response.status()).isEqualTo(200);
    }

    private String latestConsent(String customerId, String channel) {
        return jdbc.queryForObject("select status from consent where customer_id = ? and channel = ? "
                + "and purpose = 'MARKETING' order by recorded_at desc, id desc fetch first 1 rows only",
                String.class, customerId, channel);
    }

    private String couponOf(String deliveryId) {
        return jdbc.queryForObject("select coupon_code from delivery where delivery_id = ?", String.class,
                deliveryId);
    }

    /** Returns the expiry of the delivery's coupon in Paris, the time zone of every customer these tests send to. */
    private ZonedDateTime couponExpiryOf(String deliveryId) {
        return jdbc.queryForObject("select c.expires_at from coupon c join delivery d on d.coupon_code = c.code "
                + "where d.delivery_id = ?", OffsetDateTime.class, deliveryId).atZoneSameInstant(
                ZoneId.of("Europe/Paris"));
    }

    private String lastErrorOf(String deliveryId) {
        return jdbc.queryForObject("select last_error from delivery where delivery_id = ?", String.class,
                deliveryId);
    }

    private JsonNode deadLetterOf(String deliveryId) {
        for (JsonNode deadLetter : marketer().get("/api/v1/dead-letters").json()) {
            if (deliveryId.equals(deadLetter.get("deliveryId").asString())) {
                return deadLetter;
            }
        }
        throw new AssertionError("no dead letter for delivery " + deliveryId);
    }

    private void awaitStatus(String deliveryId, String expected) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        String status = null;
        while (Instant.now().isBefore(deadline)) {
            status = jdbc.queryForObject("select status from delivery where delivery_id = ?", String.class,
                    deliveryId);
            if (expected.equals(status)) {
                return;
            }
            pause();
        }
        throw new AssertionError("delivery " + deliveryId + " is " + status + ", not " + expected + ", after 20 s; "
                + "last error: " + lastErrorOf(deliveryId));
    }

    private MimeMessage awaitMail(String deliveryId) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            for (MimeMessage message : SMTP.getReceivedMessages()) {
                String[] ids = message.getHeader("X-Solomo-Delivery-Id");
                if (ids != null && deliveryId.equals(ids[0])) {
                    return message;
                }
            }
            pause();
        }
        throw new AssertionError("no email for delivery " + deliveryId + " within 20 s");
    }

    /** Returns the content of the first part of this MIME type, searching nested multiparts. */
    private static String partOfType(Part part, String mimeType) throws Exception {
        if (part.isMimeType(mimeType)) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = partOfType(multipart.getBodyPart(i), mimeType);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static <T> T only(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private static HttpResponse<String> plainHttp(String method, String url) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private ApiClient app() {
        return ApiClient.on(port).as("app", "demo");
    }

    private ApiClient marketer() {
        return ApiClient.on(port).as("marketer", "demo");
    }

    private ApiClient admin() {
        return ApiClient.on(port).as("admin", "demo");
    }

    private static GreenMail startSmtp() {
        GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        return greenMail;
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
