package io.solomo.decision.offer;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.solomo.decision.profile.ConsentPurpose;
import io.solomo.decision.profile.ConsentStatus;
import io.solomo.decision.profile.Customer;
import io.solomo.decision.profile.CustomerRepository;
import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import io.solomo.model.Channel;
import io.solomo.model.Language;
import io.solomo.model.LoyaltyTier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DecisionApiIntegrationTests extends DemoServer {

    /** Friday 4 December 2026, 10:15 in Paris. */
    private static final String FRIDAY_MORNING = "2026-12-04T09:15:00Z";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    CustomerRepository customers;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void goldCustomerAtDemoStoreGetsCoffeeThenWelcome() {
        String body = """
                {"customerId": "demo-alice", "channel": "PUSH", "latitude": 48.85, "longitude": 2.35,
                 "at": "%s", "maxOffers": 3}""".formatted(FRIDAY_MORNING);

        ApiClient.Response response = app().post("/api/v1/decisions", body);

        assertThat(response.status()).isEqualTo(200);
        JsonNode decision = response.json();
        assertThat(decision.get("decisionId").asString()).isNotBlank();
        List<String> offerIds = new ArrayList<>();
        decision.get("offers").forEach(offer -> offerIds.add(offer.get("offerId").asString()));
        assertThat(offerIds).containsExactly("GOLD-MORNING-COFFEE", "STORE-WELCOME-10");
        JsonNode coffee = decision.get("offers").get(0);
        assertThat(coffee.get("storeId").asString()).isEqualTo("demo-maubert");
        assertThat(coffee.get("channel").asString()).isEqualTo("PUSH");
        assertThat(coffee.get("factors").get("propensity").doubleValue()).isEqualTo(0.3);
        assertThat(coffee.get("factors").get("contextWeight").doubleValue()).isEqualTo(2.0);
        assertThat(coffee.get("factors").get("value").doubleValue()).isEqualTo(6.0);
        assertThat(coffee.get("factors").get("businessLever").doubleValue()).isEqualTo(1.0);
        assertThat(coffee.get("score").doubleValue()).isCloseTo(3.6, within(1e-9));
        assertThat(coffee.get("message").asString()).startsWith("Café offert ce matin chez Demo Marché Maubert");
        assertThat(coffee.get("couponCode").asString()).matches("[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{4}");
        assertThat(coffee.get("qrCodeUrl").asString()).endsWith("/coupons/" + coffee.get("couponCode").asString()
                + "/qr.png");
        assertThat(coffee.get("routeUrl").asString())
                .startsWith("https://www.openstreetmap.org/directions?")
                .contains("48.850000%2C2.350000");
        assertThat(coffee.get("reasons").get(0).asString()).isNotBlank();
    }

    @Test
    void pushDecisionCarriesFrenchPushWording() {
        JsonNode welcome = welcomeOfferOnPush(pushCustomer(Language.FR));

        // The push treatment of STORE-WELCOME-10, with French no-break spaces before ":" and "%".
        assertThat(welcome.get("title").asString()).isEqualTo("-10\u00A0% aujourd'hui");
        assertThat(welcome.get("channelMessage").asString()).isEqualTo(
                "Demo Marché Maubert\u00A0: -10\u00A0% sur vos achats aujourd'hui. Montrez le coupon en caisse.");
        assertThat(welcome.get("message").asString()).isNotEqualTo(welcome.get("channelMessage").asString());
    }

    @Test
    void pushDecisionCarriesEnglishPushWording() {
        JsonNode welcome = welcomeOfferOnPush(pushCustomer(Language.EN));

        assertThat(welcome.get("title").asString()).isEqualTo("10% off today");
        assertThat(welcome.get("channelMessage").asString())
                .isEqualTo("Demo Marché Maubert: 10% off your shopping today. Show the coupon at the till.");
    }

    @Test
    void smsDecisionHasNoTitle() {
        String body = """
                {"customerId": "%s", "channel": "SMS", "storeId": "demo-maubert", "at": "%s", "maxOffers": 3}"""
                .formatted(pushCustomer(Language.FR), FRIDAY_MORNING);

        JsonNode welcome = offerById(app().post("/api/v1/decisions", body).json(), "STORE-WELCOME-10");

        assertThat(welcome.get("title").isNull()).isTrue();
        assertThat(welcome.get("channelMessage").asString())
                .isEqualTo("Demo Marché Maubert\u00A0: -10\u00A0% aujourd'hui avec le code");
    }

    @Test
    void customerWhoRefusedPushGetsNoOfferOnPush() {
        String body = """
                {"customerId": "demo-bob", "channel": "PUSH", "latitude": 48.85, "longitude": 2.35,
                 "at": "%s"}""".formatted(FRIDAY_MORNING);

        ApiClient.Response response = app().post("/api/v1/decisions", body);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("offers").size()).isZero();
    }

    @Test
    void customerWhoRefusedPushGetsOffersOnEmailWhenChannelIsLeftOpen() {
        String body = """
                {"customerId": "demo-bob", "latitude": 48.85, "longitude": 2.35, "at": "%s"}"""
                .formatted(FRIDAY_MORNING);

        JsonNode offers = app().post("/api/v1/decisions", body).json().get("offers");

        assertThat(offers.size()).isPositive();
        offers.forEach(offer -> assertThat(offer.get("channel").asString()).isEqualTo("EMAIL"));
        assertThat(offers.get(0).get("message").asString()).contains("Demo Marché Maubert").contains("10% off");
    }

    @Test
    void customerAwayFromStoresGetsTheAppOffer() {
        String body = """
                {"customerId": "demo-alice", "channel": "PUSH", "at": "%s"}""".formatted(FRIDAY_MORNING);

        JsonNode offers = app().post("/api/v1/decisions", body).json().get("offers");

        assertThat(offers.size()).isEqualTo(1);
        assertThat(offers.get(0).get("offerId").asString()).isEqualTo("APP-LOYALTY-5EUR");
        assertThat(offers.get(0).get("storeId").isNull()).isTrue();
        assertThat(offers.get(0).get("routeUrl").isNull()).isTrue();
    }

    @Test
    void storedDecisionShowsFactsRulesSaw() {
        String customerId = pushCustomer(Language.EN);
        String decisionId = app().post("/api/v1/decisions", """
                {"customerId": "%s", "channel": "PUSH", "storeId": "demo-maubert", "at": "%s"}"""
                .formatted(customerId, FRIDAY_MORNING)).json().get("decisionId").asString();

        ApiClient.Response response = app().get("/api/v1/decisions/" + decisionId);

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode customer = response.json().get("facts").get("customer");
        assertThat(customer.get("loyaltyTier").asString()).isEqualTo("BRONZE");
        assertThat(customer.get("language").asString()).isEqualTo("EN");
        assertThat(customer.get("preferredChannels").toString()).isEqualTo("[\"PUSH\",\"SMS\"]");
        assertThat(customer.get("consentedChannels").toString()).isEqualTo("[\"PUSH\",\"SMS\"]");
        assertThat(customer.get("visitCount").asInt()).isZero();
        assertThat(customer.get("recencyDays").asLong()).isEqualTo(-1);
        assertThat(customer.has("customerId")).isFalse();
        JsonNode contact = response.json().get("facts").get("contact");
        assertThat(contact.get("channel").asString()).isEqualTo("PUSH");
        assertThat(contact.get("trigger").asString()).isEqualTo("API");
        assertThat(contact.get("storeId").asString()).isEqualTo("demo-maubert");
        assertThat(contact.get("storeChain").asString()).isEqualTo("Demo Marché");
        assertThat(contact.get("atStore").asBoolean()).isTrue();
        assertThat(contact.get("dayOfWeek").asString()).isEqualTo("FRIDAY");
        assertThat(contact.get("hour").asInt()).isEqualTo(10);
        assertThat(contact.get("localTime").asString()).isEqualTo("2026-12-04T10:15:00+01:00");
        assertThat(contact.get("timeZone").asString()).isEqualTo("Europe/Paris");
        // The demo stores have no opening hours, so whether the store was open is unknown.
        assertThat(contact.get("openNow").isNull()).isTrue();
        assertThat(contact.get("regularHere").asBoolean()).isFalse();
    }

    @Test
    void decisionStoredWithoutFactsShowsNull() {
        String decisionId = UUID.randomUUID().toString();
        Instant at = Instant.parse(FRIDAY_MORNING);
        jdbc.update("insert into decision_record (decision_id, customer_id, channel, trigger_type, rules_version, "
                + "contact_at, decided_at, request_json, fired_rules, offers_json, rejections_json) "
                + "values (?, 'demo-alice', 'PUSH', 'API', 'v1', ?, ?, '{}', '[]', '[]', '[]')", decisionId,
                at.atOffset(ZoneOffset.UTC), at.atOffset(ZoneOffset.UTC));

        JsonNode stored = app().get("/api/v1/decisions/" + decisionId).json();

        assertThat(stored.has("facts")).as(stored.toString()).isTrue();
        assertThat(stored.get("facts").isNull()).isTrue();
    }

    @Test
    void qrCodeImageEncodesTheCoupon() throws Exception {
        String body = """
                {"customerId": "demo-alice", "channel": "PUSH", "storeId": "demo-bastille", "at": "%s"}"""
                .formatted(FRIDAY_MORNING);
        JsonNode offer = app().post("/api/v1/decisions", body).json().get("offers").get(0);
        String code = offer.get("couponCode").asString();

        ApiClient.Response image = anonymous().get("/coupons/" + code + "/qr.png");

        assertThat(image.status()).isEqualTo(200);
        assertThat(image.contentType()).isEqualTo("image/png");
        var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(
                ImageIO.read(new ByteArrayInputStream(image.body())))));
        assertThat(new QRCodeReader().decode(bitmap).getText()).isEqualTo(code);
    }

    @Test
    void forgedCouponHasNoQrCode() {
        ApiClient.Response image = anonymous().get("/coupons/AAAAA-AAAAA-AAAA/qr.png");

        assertThat(image.status()).isEqualTo(404);
    }

    @Test
    void whyNotUnknownOfferIsNotFound() {
        String decisionId = app().post("/api/v1/decisions", """
                {"customerId": "demo-alice", "storeId": "demo-bastille", "channel": "PUSH"}""")
                .json().get("decisionId").asString();

        ApiClient.Response response = app().get("/api/v1/decisions/" + decisionId + "/why-not/NO-SUCH-OFFER");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("field").asString()).isEqualTo("offerId");
        assertThat(response.json().get("value").asString()).isEqualTo("NO-SUCH-OFFER");
    }

    @Test
    void unknownCustomerIsNotFoundAndNothingIsStored() {
        int before = decisionCount();

        ApiClient.Response response = app().post("/api/v1/decisions", """
                {"customerId": "nobody-here", "channel": "PUSH"}""");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("field").asString()).isEqualTo("customerId");
        assertThat(response.json().get("value").asString()).isEqualTo("nobody-here");
        assertThat(decisionCount()).isEqualTo(before);
    }

    @Test
    void decisionIsMeasuredUnderItsPath() throws InterruptedException {
        ApiClient.Response response = app().post("/api/v1/decisions", """
                {"customerId": "nobody-measured", "channel": "PUSH"}""");

        assertThat(response.status()).isEqualTo(404);
        // The metrics filter stops its timer after the servlet returns, which can be after the client has the
        // response, so the test polls for the timer.
        Timer timer = null;
        for (int attempt = 0; attempt < 50 && timer == null; attempt++) {
            timer = meters.find("http.server.requests")
                    .tags("uri", "/api/v1/decisions", "method", "POST", "status", "404")
                    .timer();
            Thread.sleep(100);
        }
        assertThat(timer).isNotNull();
        assertThat(timer.count()).isPositive();
    }

    @Test
    void bodyInDeclaredLatin1IsDecoded() {
        byte[] body = """
                {"customerId": "nobody-\u00e9", "channel": "PUSH"}""".getBytes(StandardCharsets.ISO_8859_1);

        ApiClient.Response response = app().post("/api/v1/decisions", body, "application/json;charset=ISO-8859-1");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("value").asString()).isEqualTo("nobody-\u00e9");
    }

    @Test
    void latitudeOutOfRangeIsRejectedWithFieldAndValue() {
        int before = decisionCount();

        ApiClient.Response response = app().post("/api/v1/decisions", """
                {"customerId": "demo-alice", "latitude": 91.0, "longitude": 2.35}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:solomo:problem:invalid-field");
        assertThat(response.json().get("field").asString()).isEqualTo("latitude");
        assertThat(response.json().get("value").doubleValue()).isEqualTo(91.0);
        assertThat(response.json().get("detail").asString()).contains("-90..90");
        assertThat(decisionCount()).isEqualTo(before);
    }

    @Test
    void unknownChannelIsRejectedWithTheAcceptedNames() {
        ApiClient.Response response = app().post("/api/v1/decisions", """
                {"customerId": "demo-alice", "channel": "PIGEON"}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("channel");
        assertThat(response.json().get("value").asString()).isEqualTo("PIGEON");
        assertThat(response.json().get("detail").asString()).contains("PUSH, SMS, EMAIL");
    }

    @Test
    void malformedJsonIsRejected() {
        ApiClient.Response response = app().post("/api/v1/decisions", "{\"customerId\": ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:solomo:problem:malformed-body");
    }

    @Test
    void malformedJsonDetailHidesParserSource() {
        ApiClient.Response response = app().post("/api/v1/decisions", "{\"customerId\" \"demo-alice\"}");

        String detail = response.json().get("detail").asString();
        assertThat(response.status()).isEqualTo(400);
        assertThat(detail).startsWith("the request body is not valid JSON: ");
        assertThat(detail).contains("(line 1, column ");
        assertThat(detail).doesNotContain("Source");
        assertThat(detail).doesNotContain("StreamReadFeature");
    }

    @Test
    void unclosedArrayDetailHidesParserSource() {
        ApiClient.Response response = app().post("/api/v1/decisions", "{\"customerId\": \"demo-alice\", \"x\": [1, 2");

        String detail = response.json().get("detail").asString();
        assertThat(response.status()).isEqualTo(400);
        assertThat(detail).startsWith("the request body is not valid JSON: Unexpected end-of-input");
        assertThat(detail).doesNotContain("Source");
        assertThat(detail).doesNotContain("REDACTED");
        assertThat(detail).doesNotContain("start marker");
    }

    @Test
    void nullBodyIsRejectedAsMalformed() {
        ApiClient.Response response = app().post("/api/v1/decisions", "null");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:solomo:problem:malformed-body");
        assertThat(response.json().get("detail").asString()).contains("JSON null");
    }

    @Test
    void bodyNotDeclaredAsJsonIsUnsupported() {
        ApiClient.Response response = app().post("/api/v1/decisions", "{\"customerId\": \"demo-alice\"}",
                "text/plain");

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:solomo:problem:unsupported-media-type");
        assertThat(response.json().get("detail").asString())
                .isEqualTo("Content-Type 'text/plain' is not supported; send application/json");
    }

    @Test
    void bodyWithoutContentTypeIsUnsupported() {
        ApiClient.Response response = app().postUndeclared("/api/v1/decisions", "{\"customerId\": \"demo-alice\"}");

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:solomo:problem:unsupported-media-type");
        assertThat(response.json().get("detail").asString())
                .isEqualTo("the request has no Content-Type; send application/json");
    }

    @Test
    void bodyLargerThanOneMegabyteIsRejectedUnread() {
        String body = "{\"customerId\": \"demo-alice\", \"channel\": \"" + "x".repeat(1024 * 1024) + "\"}";

        ApiClient.Response response = app().post("/api/v1/decisions", body);

        assertThat(response.status()).as(response.text()).isEqualTo(413);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:solomo:problem:content-too-large");
        assertThat(response.json().get("detail").asString())
                .isEqualTo("the request body is larger than the 1048576 bytes this endpoint accepts");
        assertThat(response.json().get("field").asString()).isEqualTo("body");
    }

    @Test
    void postWithoutBodyOrContentTypeIsMalformed() {
        ApiClient.Response response = app().postUndeclared("/api/v1/decisions", "");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:solomo:problem:malformed-body");
        assertThat(response.json().get("detail").asString())
                .isEqualTo("the request body is missing; send a JSON object");
    }

    @Test
    void acceptWithoutJsonIsNotAcceptable() {
        ApiClient.Response response = app().postAccepting("/api/v1/decisions", """
                {"customerId": "demo-alice"}""", "application/xml");

        assertThat(response.status()).isEqualTo(406);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:solomo:problem:not-acceptable");
        assertThat(response.json().get("detail").asString()).contains("application/xml");
    }

    @Test
    void acceptOfProblemJsonIsServed() {
        ApiClient.Response response = app().postAccepting("/api/v1/decisions", """
                {"customerId": "demo-alice", "channel": "PUSH"}""", "application/problem+json");

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.json().get("customerId").asString()).isEqualTo("demo-alice");
    }

    @Test
    void onlyPostDecides() {
        ApiClient.Response response = app().get("/api/v1/decisions");

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:solomo:problem:method-not-allowed");
        assertThat(response.json().get("detail").asString()).isEqualTo("method GET is not supported here; use POST");
        assertThat(response.allow()).isEqualTo("POST");
    }

    @Test
    void wrongTypeNamesTheField() {
        ApiClient.Response response = app().post("/api/v1/decisions", """
                {"customerId": "demo-alice", "latitude": "north"}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:solomo:problem:invalid-field");
        assertThat(response.json().get("field").asString()).isEqualTo("latitude");
        assertThat(response.json().get("value").asString()).isEqualTo("north");
        assertThat(response.json().get("detail").asString())
                .isEqualTo("field latitude has an invalid value: expected a number, got \"north\"");
    }

    @Test
    void maxOffersAsTextNamesTheValue() {
        ApiClient.Response response = app().post("/api/v1/decisions", """
                {"customerId": "demo-alice", "maxOffers": "three"}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("maxOffers");
        assertThat(response.json().get("value").asString()).isEqualTo("three");
        assertThat(response.json().get("detail").asString())
                .isEqualTo("field maxOffers has an invalid value: expected a whole number, got \"three\"");
    }

    @Test
    void maxOffersOverflowNamesTheValue() {
        ApiClient.Response response = app().post("/api/v1/decisions", """
                {"customerId": "demo-alice", "maxOffers": 99999999999}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("maxOffers");
        assertThat(response.json().get("value").longValue()).isEqualTo(99999999999L);
        assertThat(response.json().get("detail").asString())
                .isEqualTo("field maxOffers has an invalid value: expected a whole number no larger than "
                        + "2,147,483,647, got 99999999999");
    }

    @Test
    void maxOffersAsArrayNamesTheKind() {
        ApiClient.Response response = app().post("/api/v1/decisions", """
                {"customerId": "demo-alice", "maxOffers": [3]}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("maxOffers");
        assertThat(response.json().get("detail").asString())
                .isEqualTo("field maxOffers has an invalid value: expected a whole number, got an array");
    }

    @Test
    void wholeMaxOffersWithDecimalPointIsRead() {
        ApiClient.Response response = app().post("/api/v1/decisions", """
                {"customerId": "demo-alice", "channel": "PUSH", "storeId": "demo-maubert", "maxOffers": 1.0}""");

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode stored = app().get("/api/v1/decisions/" + response.json().get("decisionId").asString()).json();
        assertThat(stored.get("request").get("maxOffers").asInt()).isEqualTo(1);
        assertThat(response.json().get("offers").size()).isLessThanOrEqualTo(1);
    }

    @Test
    void wholeMaxOffersBeyondIntIsRejected() {
        ApiClient.Response response = app().post("/api/v1/decisions", """
                {"customerId": "demo-alice", "maxOffers": 3e10}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("maxOffers");
        assertThat(response.json().get("value").longValue()).isEqualTo(30_000_000_000L);
        assertThat(response.json().get("detail").asString()).isEqualTo("field maxOffers has an invalid value: "
                + "expected a whole number no larger than 2,147,483,647, got 30000000000");
    }

    @Test
    void hugeExponentMaxOffersIsRejectedShort() {
        ApiClient.Response response = app().post("/api/v1/decisions", """
                {"customerId": "demo-alice", "maxOffers": 1e3000000}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("maxOffers");
        assertThat(response.json().get("detail").asString()).isEqualTo("field maxOffers has an invalid value: "
                + "expected a whole number, got 1E+3000000");
    }

    @Test
    void fractionalMaxOffersIsRejected() {
        int before = decisionCount();

        ApiClient.Response response = app().post("/api/v1/decisions", """
                {"customerId": "demo-alice", "channel": "PUSH", "maxOffers": 2.5}""");

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("maxOffers");
        assertThat(response.json().get("value").doubleValue()).isEqualTo(2.5);
        assertThat(response.json().get("detail").asString())
                .isEqualTo("field maxOffers has an invalid value: expected a whole number, got 2.5");
        assertThat(decisionCount()).isEqualTo(before);
    }

    @Test
    void unknownFieldIsRejectedWithTheAcceptedNames() {
        int before = decisionCount();

        ApiClient.Response response = app().post("/api/v1/decisions", """
                {"customerId": "demo-alice", "channel": "PUSH", "trigger": "GEOFENCE_ENTER"}""");

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:solomo:problem:invalid-field");
        assertThat(response.json().get("field").asString()).isEqualTo("trigger");
        assertThat(response.json().get("value").asString()).isEqualTo("GEOFENCE_ENTER");
        assertThat(response.json().get("detail").asString()).startsWith("field trigger is unknown");
        assertThat(response.json().get("detail").asString())
                .contains("customerId, channel, latitude, longitude, storeId, at, maxOffers");
        assertThat(decisionCount()).isEqualTo(before);
    }

    @Test
    void badTimestampIsRejected() {
        ApiClient.Response response = app().post("/api/v1/decisions", """
                {"customerId": "demo-alice", "at": "yesterday"}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("at");
        assertThat(response.json().get("value").asString()).isEqualTo("yesterday");
    }

    @Test
    void timestampOutsideYearsIsRejected() {
        for (String at : List.of("+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
                "+100000-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2101-01-01T00:00:00Z")) {
            ApiClient.Response response = app().post("/api/v1/decisions", """
                    {"customerId": "demo-alice", "at": "%s"}""".formatted(at));

            assertThat(response.status()).as(at + ": " + response.text()).isEqualTo(400);
            assertThat(response.json().get("field").asString()).isEqualTo("at");
            assertThat(response.json().get("value").asString()).isEqualTo(at);
            assertThat(response.json().get("detail").asString())
                    .isEqualTo("at must be within the years 2000 to 2100 (UTC), got '" + at + "'");
        }
    }

    @Test
    void lastYearIsAccepted() {
        ApiClient.Response response = app().post("/api/v1/decisions", """
                {"customerId": "demo-alice", "channel": "PUSH", "at": "2100-12-31T23:59:59Z"}""");

        assertThat(response.status()).as(response.text()).isEqualTo(200);
    }

    @Test
    void outcomeOverJsonLimitIsRejected() throws IOException {
        // Declares 30 MB and sends only the start, so the server responds before reading. A client that keeps
        // sending the whole body, as java.net.http does, may fail to read that response: Tomcat reads at most 2 MB
        // of a body left unread (its default maxSwallowSize), then closes the connection.
        String response = postDeclaringLength("/api/v1/decisions/no-such-decision/outcomes", 30 * 1024 * 1024,
                "{\"offerId\": \"" + "x".repeat(64 * 1024));

        assertThat(response).startsWith("HTTP/1.1 413 ");
        assertThat(response).contains("urn:solomo:problem:content-too-large");
        assertThat(response).contains("the request body is larger than the 10485760 bytes this endpoint accepts "
                + "(solomo.api.max-json-body-size)");
    }

    @Test
    void longOfferIdIsShortened() {
        String decisionId = decideForAlice();
        String offerId = "x".repeat(5000);

        ApiClient.Response response = app().post("/api/v1/decisions/" + decisionId + "/outcomes", """
                {"offerId": "%s", "outcome": "ACCEPTED"}""".formatted(offerId));

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        String shortened = "x".repeat(200) + "... (5000 characters)";
        assertThat(response.json().get("field").asString()).isEqualTo("offerId");
        assertThat(response.json().get("value").asString()).isEqualTo(shortened);
        assertThat(response.json().get("detail").asString())
                .isEqualTo("offer " + shortened + " was not chosen in decision " + decisionId);
        assertThat(response.body().length).isLessThan(2000);
    }

    @Test
    void longChannelIsShortened() {
        String channel = "é".repeat(300);

        ApiClient.Response response = app().post("/api/v1/decisions", """
                {"customerId": "demo-alice", "channel": "%s"}""".formatted(channel));

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("channel");
        assertThat(response.json().get("value").asString()).isEqualTo("é".repeat(200) + "... (300 characters)");
        assertThat(response.json().get("detail").asString()).doesNotContain("é".repeat(201));
    }

    @Test
    void outcomeAsArrayShowsTheValue() {
        ApiClient.Response response = app().post("/api/v1/decisions/" + decideForAlice() + "/outcomes", """
                {"offerId": "GOLD-MORNING-COFFEE", "outcome": ["ACCEPTED"]}""");

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("outcome");
        assertThat(response.json().get("value").toString()).isEqualTo("[\"ACCEPTED\"]");
        assertThat(response.json().get("detail").asString())
                .isEqualTo("field outcome has an invalid value: expected text, got an array");
    }

    @Test
    void wrongJsonTypesShowTheValue() {
        ApiClient.Response maxOffers = app().post("/api/v1/decisions", """
                {"customerId": "demo-alice", "maxOffers": true}""");
        ApiClient.Response customerId = app().post("/api/v1/decisions", """
                {"customerId": {"id": "demo-alice"}}""");

        assertThat(maxOffers.status()).as(maxOffers.text()).isEqualTo(400);
        assertThat(maxOffers.json().get("field").asString()).isEqualTo("maxOffers");
        assertThat(maxOffers.json().get("value").booleanValue()).isTrue();
        assertThat(customerId.status()).as(customerId.text()).isEqualTo(400);
        assertThat(customerId.json().get("field").asString()).isEqualTo("customerId");
        assertThat(customerId.json().get("value").toString()).isEqualTo("{\"id\":\"demo-alice\"}");
    }

    @Test
    void invalidUtf8ValueIsShown() {
        byte[] body = concat("{\"customerId\": \"demo-".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3},
                "alice\"}".getBytes(StandardCharsets.UTF_8));

        ApiClient.Response response = app().post("/api/v1/decisions", body);

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("customerId");
        assertThat(response.json().get("value").asString()).startsWith("demo-\uFFFD");
    }

    @Test
    void duplicateKeyIsRejected() {
        int before = decisionCount();

        ApiClient.Response decision = app().post("/api/v1/decisions", """
                {"customerId": "demo-alice", "customerId": "demo-bob"}""");
        ApiClient.Response outcome = app().post("/api/v1/decisions/" + decideForAlice() + "/outcomes", """
                {"offerId": "GOLD-MORNING-COFFEE", "outcome": "IGNORED", "outcome": "ACCEPTED"}""");

        assertThat(decision.status()).as(decision.text()).isEqualTo(400);
        assertThat(decision.json().get("type").asString()).isEqualTo("urn:solomo:problem:invalid-field");
        assertThat(decision.json().get("field").asString()).isEqualTo("customerId");
        assertThat(decision.json().get("detail").asString())
                .isEqualTo("field customerId appears more than once in its object; send it once");
        assertThat(decisionCount()).isEqualTo(before + 1);
        assertThat(outcome.status()).as(outcome.text()).isEqualTo(400);
        assertThat(outcome.json().get("field").asString()).isEqualTo("outcome");
    }

    @Test
    void numberAsTextIsRejected() {
        ApiClient.Response response = app().post("/api/v1/decisions", """
                {"customerId": "demo-alice", "latitude": "48.85", "longitude": 2.35}""");

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("latitude");
        assertThat(response.json().get("value").asString()).isEqualTo("48.85");
        assertThat(response.json().get("detail").asString())
                .isEqualTo("field latitude has an invalid value: expected a number, got \"48.85\"");
    }

    @Test
    void numberForTextIsRejected() {
        ApiClient.Response response = app().post("/api/v1/decisions/" + decideForAlice() + "/outcomes", """
                {"offerId": 5, "outcome": "ACCEPTED"}""");

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("offerId");
        assertThat(response.json().get("value").intValue()).isEqualTo(5);
        assertThat(response.json().get("detail").asString())
                .isEqualTo("field offerId has an invalid value: expected text, got 5");
    }

    @Test
    void wholeLatitudeIsStillRead() {
        ApiClient.Response response = app().post("/api/v1/decisions", """
                {"customerId": "demo-alice", "channel": "PUSH", "latitude": 48, "longitude": 2}""");

        assertThat(response.status()).as(response.text()).isEqualTo(200);
    }

    @Test
    void decisionsNeedCredentials() {
        ApiClient.Response response = anonymous().post("/api/v1/decisions", """
                {"customerId": "demo-alice"}""");

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void decisionsNeedTheAppRole() {
        ApiClient.Response response = ApiClient.on(port).as("analyst", PASSWORD).post("/api/v1/decisions", """
                {"customerId": "demo-alice"}""");

        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void wrongPasswordIsUnauthorized() {
        ApiClient.Response response = ApiClient.on(port).as("app", "not-the-password").post("/api/v1/decisions", """
                {"customerId": "demo-alice"}""");

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void healthIsOpen() {
        ApiClient.Response response = anonymous().get("/actuator/health");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("status").asString()).isEqualTo("UP");
    }

    private int decisionCount() {
        return jdbc.queryForObject("select count(*) from decision_record", Integer.class);
    }

    private String decideForAlice() {
        ApiClient.Response response = app().post("/api/v1/decisions", """
                {"customerId": "demo-alice", "channel": "PUSH", "storeId": "demo-maubert", "at": "%s"}"""
                .formatted(FRIDAY_MORNING));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json().get("decisionId").asString();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            joined.writeBytes(part);
        }
        return joined.toByteArray();
    }

    /** Sends a request that declares a body of {@code declaredLength} bytes but sends only its start. */
    private String postDeclaringLength(String path, int declaredLength, String start) throws IOException {
        String credentials = Base64.getEncoder().encodeToString(("app:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic " + credentials
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + declaredLength
                    + "\r\nConnection: close\r\n\r\n" + start).getBytes(StandardCharsets.UTF_8));
            out.flush();
            return readResponse(socket.getInputStream());
        }
    }

    /**
     * Reads one HTTP/1.1 response, whose body is sent with a length or in chunks. It does not wait for the end of
     * the connection, which Tomcat keeps open while it waits for the rest of the body declared.
     */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            int read = in.read(buffer);
            if (read < 0) {
                return received.toString(StandardCharsets.UTF_8);
            }
            received.write(buffer, 0, read);
            String text = received.toString(StandardCharsets.UTF_8);
            int headerEnd = text.indexOf("\r\n\r\n");
            if (headerEnd < 0) {
                continue;
            }
            String headers = text.substring(0, headerEnd).toLowerCase(Locale.ROOT);
            Matcher length = Pattern.compile("content-length: *(\\d+)").matcher(headers);
            if (length.find() ? received.size() >= headerEnd + 4 + Integer.parseInt(length.group(1))
                    : text.endsWith("\r\n0\r\n\r\n")) {
                return text;
            }
        }
    }

    /** Returns the welcome offer of a push decision at the demo Maubert store, failing when it is not chosen. */
    private JsonNode welcomeOfferOnPush(String customerId) {
        String body = """
                {"customerId": "%s", "channel": "PUSH", "storeId": "demo-maubert", "at": "%s", "maxOffers": 3}"""
                .formatted(customerId, FRIDAY_MORNING);
        ApiClient.Response response = app().post("/api/v1/decisions", body);

        assertThat(response.status()).isEqualTo(200);
        return offerById(response.json(), "STORE-WELCOME-10");
    }

    private static JsonNode offerById(JsonNode decision, String offerId) {
        for (JsonNode offer : decision.get("offers")) {
            if (offer.get("offerId").asString().equals(offerId)) {
                return offer;
            }
        }
        throw new AssertionError("offer " + offerId + " not chosen in " + decision);
    }

    /** Creates a bronze customer in Paris with marketing consent on push and SMS, and returns the id. */
    private String pushCustomer(Language language) {
        String customerId = "wording-" + UUID.randomUUID();
        transaction.executeWithoutResult(status -> {
            Customer customer = new Customer(customerId, "Test wording", LoyaltyTier.BRONZE, language,
                    ZoneId.of("Europe/Paris"), Instant.now());
            customer.preferChannels(List.of(Channel.PUSH, Channel.SMS));
            customer.recordConsent(ConsentPurpose.MARKETING, Channel.PUSH, ConsentStatus.GRANTED, "test",
                    Instant.now().minusSeconds(60));
            customer.recordConsent(ConsentPurpose.MARKETING, Channel.SMS, ConsentStatus.GRANTED, "test",
                    Instant.now().minusSeconds(60));
            customers.save(customer);
        });
        return customerId;
    }
}
