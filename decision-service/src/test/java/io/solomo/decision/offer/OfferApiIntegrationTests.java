package io.solomo.decision.offer;

import io.solomo.decision.delivery.OfferTreatments;
import io.solomo.decision.profile.CustomerRepository;
import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import io.solomo.decision.support.FrenchProblems;
import io.solomo.decision.support.TestCustomers;
import io.solomo.model.Channel;
import io.solomo.model.Language;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The campaign and offer API through the running server. It runs on a database of its own, because it edits the
 * demo offer STORE-WELCOME-10 that other tests read.
 */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:offer-api;DB_CLOSE_DELAY=-1")
class OfferApiIntegrationTests extends DemoServer {

    /** Friday 4 December 2026, 10:15 in Paris. */
    private static final String FRIDAY_MORNING = "2026-12-04T09:15:00Z";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    OfferCatalogue catalogue;

    @Autowired
    OfferTreatments treatments;

    @Autowired
    CustomerRepository customers;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void createdOfferReachesCatalogueAtOnce() {
        String campaignId = "spring-" + UUID.randomUUID();
        String offerId = "SPRING-" + UUID.randomUUID();

        Reply campaign = send("marketer", "POST", "/api/v1/campaigns", """
                {"campaignId": "%s", "nameFr": "Printemps", "nameEn": "Spring"}""".formatted(campaignId), null);
        Reply offer = send("marketer", "POST", "/api/v1/offers", offerBody(offerId, campaignId, "Café offert"),
                null);

        assertThat(campaign.status()).isEqualTo(201);
        assertThat(offer.status()).isEqualTo(201);
        assertThat(offer.eTag()).isEqualTo("\"0\"");
        assertThat(offer.json().get("treatments").get("PUSH").get("fr").get("title").asString())
                .isEqualTo("Café offert");
        assertThat(offer.json().get("treatments").get("SMS").get("en").get("title").isNull()).isTrue();
        assertThat(offer.json().get("maxPerDay").intValue()).isEqualTo(50);
        assertThat(offer.json().get("couponValidity").asString()).isEqualTo("end-of-day");
        assertThat(catalogue.find(offerId)).isPresent();
        assertThat(catalogue.find(offerId).get().couponLifetime()).hasToString("end-of-day");
        assertThat(treatments.wordingOf(offerId, Channel.PUSH, Language.EN, "Maubert", "general").title())
                .isEqualTo("Free coffee");
        assertThat(send("marketer", "GET", "/api/v1/campaigns/" + campaignId, null, null).json()
                .get("offerIds").get(0).asString()).isEqualTo(offerId);
    }

    /** The example of the README, with a chain scope and local dates. */
    @Test
    void readmeExampleIsAccepted() {
        send("marketer", "POST", "/api/v1/campaigns", """
                {"campaignId": "spring-2027", "nameFr": "Printemps 2027", "nameEn": "Spring 2027"}""", null);

        Reply offer = send("marketer", "POST", "/api/v1/offers", """
                {"offerId": "SPRING-COFFEE", "campaignId": "spring-2027",
                 "messageFr": "Café offert chez {store}", "messageEn": "Free coffee at {store}", "businessValue": 3,
                 "validFrom": "2027-03-20T00:00:00+01:00", "validTo": "2027-06-21T00:00:00+02:00",
                 "chain": "Demo Marché", "maxPerDay": 200,
                 "treatments": {"PUSH": {"fr": {"title": "Café offert", "body": "Un café offert chez {store}"},
                                         "en": {"title": "Free coffee", "body": "A free coffee at {store}"}},
                                "SMS": {"fr": {"body": "Café offert chez {store}, code"},
                                        "en": {"body": "Free coffee at {store}, code"}}}}""", null);

        assertThat(offer.status()).isEqualTo(201);
        assertThat(offer.json().get("validFrom").asString()).isEqualTo("2027-03-19T23:00:00Z");
        assertThat(offer.json().get("chain").asString()).isEqualTo("Demo Marché");
        assertThat(offer.json().get("priorPropensity").doubleValue()).isEqualTo(0.1);
        assertThat(offer.json().get("active").booleanValue()).isTrue();
    }

    @Test
    void editedTreatmentReachesNextDecision() {
        String campaignId = "welcome-" + UUID.randomUUID();
        send("marketer", "POST", "/api/v1/campaigns", """
                {"campaignId": "%s", "nameFr": "Accueil", "nameEn": "Welcome"}""".formatted(campaignId), null);
        Reply before = send("marketer", "GET", "/api/v1/offers/STORE-WELCOME-10", null, null);

        Reply edited = send("marketer", "PUT", "/api/v1/offers/STORE-WELCOME-10",
                welcomeBody(campaignId, "Nouvel accueil chez {store}"), before.eTag());
        JsonNode decision = decide(pushCustomer());

        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.eTag()).isNotEqualTo(before.eTag());
        assertThat(edited.json().get("campaignId").asString()).isEqualTo(campaignId);
        JsonNode welcome = offerById(decision, "STORE-WELCOME-10");
        assertThat(welcome.get("title").asString()).isEqualTo("Bienvenue");
        assertThat(welcome.get("channelMessage").asString()).isEqualTo("Nouvel accueil chez Demo Marché Maubert");
    }

    @Test
    void switchedOffOfferLeavesNextDecision() {
        Reply off = send("marketer", "POST", "/api/v1/offers/STORE-WELCOME-10/switch-off", null, null);
        JsonNode whileOff = decide(pushCustomer());
        Reply on = send("marketer", "POST", "/api/v1/offers/STORE-WELCOME-10/switch-on", null, null);
        JsonNode afterOn = decide(pushCustomer());

        assertThat(off.status()).isEqualTo(200);
        assertThat(off.json().get("active").booleanValue()).isFalse();
        assertThat(offerIds(whileOff)).doesNotContain("STORE-WELCOME-10");
        assertThat(on.json().get("active").booleanValue()).isTrue();
        assertThat(offerIds(afterOn)).contains("STORE-WELCOME-10");
    }

    @Test
    void staleIfMatchIsRejected() {
        String offerId = createOffer();
        Reply read = send("marketer", "GET", "/api/v1/offers/" + offerId, null, null);
        Reply first = send("marketer", "PUT", "/api/v1/offers/" + offerId,
                offerBody(offerId, campaignOf(read), "Première version"), read.eTag());

        Reply second = send("admin", "PUT", "/api/v1/offers/" + offerId,
                offerBody(offerId, campaignOf(read), "Seconde version"), read.eTag());
        Reply missing = send("admin", "PUT", "/api/v1/offers/" + offerId,
                offerBody(offerId, campaignOf(read), "Sans version"), null);

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(412);
        assertThat(second.json().get("currentETag").asString()).isEqualTo(first.eTag());
        assertThat(second.json().get("detailFr").asString()).isEqualTo("L’offre " + offerId + " est à la version "
                + first.eTag() + " et non " + read.eTag() + ", car elle a été modifiée depuis votre lecture\u202F; "
                + "relisez-la avec GET, refaites votre modification et envoyez-la avec If-Match\u00A0: "
                + first.eTag() + ".");
        FrenchProblems.assertFrenchDetail("stale If-Match", second.json());
        assertThat(missing.status()).isEqualTo(428);
        FrenchProblems.assertFrenchDetail("missing If-Match", missing.json());
        Reply stored = send("marketer", "GET", "/api/v1/offers/" + offerId, null, null);
        assertThat(stored.json().get("treatments").get("PUSH").get("fr").get("title").asString())
                .isEqualTo("Première version");
    }

    @Test
    void editKeepsVolumeCounters() {
        String offerId = createOffer();
        jdbc.update("insert into offer_volume_total (offer_id, contacts) values (?, 7)", offerId);
        Reply read = send("marketer", "GET", "/api/v1/offers/" + offerId, null, null);

        send("marketer", "PUT", "/api/v1/offers/" + offerId, offerBody(offerId, campaignOf(read), "Autre"),
                read.eTag());

        assertThat(jdbc.queryForObject("select contacts from offer_volume_total where offer_id = ?", Long.class,
                offerId)).isEqualTo(7);
    }

    @Test
    void duplicateIdsAreConflicts() {
        String offerId = createOffer();
        String campaignId = campaignOf(send("marketer", "GET", "/api/v1/offers/" + offerId, null, null));

        Reply offer = send("marketer", "POST", "/api/v1/offers", offerBody(offerId, campaignId, "Doublon"), null);
        Reply campaign = send("marketer", "POST", "/api/v1/campaigns", """
                {"campaignId": "%s", "nameFr": "Doublon", "nameEn": "Duplicate"}""".formatted(campaignId), null);

        assertThat(offer.status()).isEqualTo(409);
        assertThat(offer.json().get("field").asString()).isEqualTo("offerId");
        assertThat(campaign.status()).isEqualTo(409);
        assertThat(campaign.json().get("value").asString()).isEqualTo(campaignId);
    }

    @Test
    void unknownIdsAreNotFound() {
        Reply offer = send("marketer", "GET", "/api/v1/offers/NO-SUCH-OFFER", null, null);
        assertThat(offer.status()).isEqualTo(404);
        assertThat(offer.json().get("detail").asString()).isEqualTo("no offer with id 'NO-SUCH-OFFER'");
        assertThat(offer.json().get("detailFr").asString())
                .isEqualTo("Aucune offre n’a l’identifiant «\u00A0NO-SUCH-OFFER\u00A0».");
        assertThat(send("marketer", "PUT", "/api/v1/offers/NO-SUCH-OFFER",
                offerBody("NO-SUCH-OFFER", "loyalty-2026", "x"), "\"0\"").status()).isEqualTo(404);
        Reply campaign = send("marketer", "GET", "/api/v1/campaigns/no-such-campaign", null, null);
        assertThat(campaign.status()).isEqualTo(404);
        FrenchProblems.assertFrenchDetail("unknown campaign", campaign.json());
    }

    @Test
    void campaignRenameIsStored() {
        String campaignId = "rename-" + UUID.randomUUID();
        send("marketer", "POST", "/api/v1/campaigns", """
                {"campaignId": "%s", "nameFr": "Ancien", "nameEn": "Old"}""".formatted(campaignId), null);

        Reply renamed = send("marketer", "PUT", "/api/v1/campaigns/" + campaignId, """
                {"nameFr": "Nouveau", "nameEn": "New"}""", null);

        assertThat(renamed.status()).isEqualTo(200);
        JsonNode stored = send("marketer", "GET", "/api/v1/campaigns/" + campaignId, null, null).json();
        assertThat(stored.get("nameFr").asString()).isEqualTo("Nouveau");
        assertThat(stored.get("nameEn").asString()).isEqualTo("New");
    }

    @Test
    void listFiltersByCampaignAndActivePaged() {
        String campaignId = "list-" + UUID.randomUUID();
        send("marketer", "POST", "/api/v1/campaigns", """
                {"campaignId": "%s", "nameFr": "Liste", "nameEn": "List"}""".formatted(campaignId), null);
        for (String offerId : List.of("LIST-A", "LIST-B", "LIST-C")) {
            send("marketer", "POST", "/api/v1/offers", offerBody(offerId, campaignId, "x"), null);
        }
        send("marketer", "POST", "/api/v1/offers/LIST-B/switch-off", null, null);

        JsonNode firstPage = send("marketer", "GET", "/api/v1/offers?campaignId=" + campaignId + "&limit=2", null,
                null).json();
        JsonNode secondPage = send("marketer", "GET", "/api/v1/offers?campaignId=" + campaignId
                + "&limit=2&after=LIST-B", null, null).json();
        JsonNode active = send("marketer", "GET", "/api/v1/offers?campaignId=" + campaignId + "&active=true", null,
                null).json();

        assertThat(ids(firstPage)).containsExactly("LIST-A", "LIST-B");
        assertThat(ids(secondPage)).containsExactly("LIST-C");
        assertThat(ids(active)).containsExactly("LIST-A", "LIST-C");
    }

    @Test
    void appAndAnalystCannotWrite() {
        String campaignId = "roles-" + UUID.randomUUID();

        assertThat(send("app", "POST", "/api/v1/campaigns", """
                {"campaignId": "%s", "nameFr": "A", "nameEn": "A"}""".formatted(campaignId), null).status())
                .isEqualTo(403);
        assertThat(send("app", "POST", "/api/v1/offers", offerBody("ROLES-X", "loyalty-2026", "x"), null)
                .status()).isEqualTo(403);
        assertThat(send("app", "GET", "/api/v1/offers/STORE-WELCOME-10", null, null).status()).isEqualTo(403);
        assertThat(send("app", "POST", "/api/v1/offers/STORE-WELCOME-10/switch-off", null, null).status())
                .isEqualTo(403);
        assertThat(send("analyst", "GET", "/api/v1/offers/STORE-WELCOME-10", null, null).status()).isEqualTo(200);
        assertThat(send("analyst", "PUT", "/api/v1/offers/STORE-WELCOME-10",
                offerBody("STORE-WELCOME-10", "loyalty-2026", "x"), "*").status()).isEqualTo(403);
        assertThat(send("admin", "GET", "/api/v1/offers/STORE-WELCOME-10", null, null).status()).isEqualTo(200);
    }

    /** Each invalid field of a new offer, the field the 400 problem must name, and the value it must echo. */
    @Test
    void invalidFieldsNameFieldAndValue() {
        String valid = offerBody("INVALID-X", "loyalty-2026", "x");
        String longText = "x".repeat(1001);
        List<InvalidCase> cases = List.of(
                new InvalidCase("\"campaignId\": \"loyalty-2026\"", "\"campaignId\": \"no-such-campaign\"", "campaignId",
                        "no-such-campaign"),
                new InvalidCase("\"offerId\": \"INVALID-X\"", "\"offerId\": \"bad id!\"", "offerId", "bad id!"),
                new InvalidCase("\"validTo\": \"2027-12-31T23:00:00Z\"", "\"validTo\": \"2025-01-01T00:00:00Z\"", "validTo",
                        "2025-01-01T00:00:00Z"),
                new InvalidCase("\"validFrom\": \"2025-12-31T23:00:00Z\"", "\"validFrom\": \"tomorrow\"", "validFrom",
                        "tomorrow"),
                new InvalidCase("\"businessValue\": 3", "\"businessValue\": -1", "businessValue", "-1.0"),
                new InvalidCase("\"maxTotal\": 1000", "\"maxTotal\": -5", "maxTotal", "-5"),
                new InvalidCase("\"maxPerDay\": 50", "\"maxPerDay\": -1", "maxPerDay", "-1"),
                new InvalidCase("\"cooldownMinutes\": 60", "\"cooldownMinutes\": -60", "cooldownMinutes", "-60"),
                new InvalidCase("\"couponValidity\": \"end-of-day\"", "\"couponValidity\": \"P1M\"", "couponValidity",
                        "P1M"),
                // A signed duration parses in Java but fails the column's check, so it must be a 400, not a 409.
                new InvalidCase("\"couponValidity\": \"end-of-day\"", "\"couponValidity\": \"+PT2H\"", "couponValidity",
                        "+PT2H"),
                new InvalidCase("\"priorPropensity\": 0.2", "\"priorPropensity\": 1.5", "priorPropensity", "1.5"),
                new InvalidCase("\"businessLever\": 1.0", "\"businessLever\": 0", "businessLever", "0.0"),
                new InvalidCase("\"storeId\": null", "\"storeId\": \"no-such-store\"", "storeId", "no-such-store"),
                new InvalidCase("\"chain\": null", "\"chain\": \"No Such Chain\"", "chain", "No Such Chain"),
                new InvalidCase("\"storeId\": null, \"chain\": null", "\"storeId\": \"demo-maubert\", \"chain\": \"Other\"",
                        "chain", "Other"),
                new InvalidCase("\"messageFr\": \"Message\"", "\"messageFr\": \"" + longText + "\"", "messageFr", null),
                new InvalidCase("\"messageEn\": \"Message\"", "\"messageEn\": \"  \"", "messageEn", "  "),
                new InvalidCase("\"PUSH\":", "\"FAX\":", "treatments.FAX", "FAX"),
                new InvalidCase("\"en\": {\"title\": \"Free coffee\"", "\"de\": {\"title\": \"Free coffee\"",
                        "treatments.PUSH.de", "de"),
                new InvalidCase("\"SMS\": {\"fr\": {\"body\": \"x code\"},", "\"SMS\": {\"fr\": {\"title\": \"T\", "
                        + "\"body\": \"x code\"},", "treatments.SMS.fr.title", "T"),
                new InvalidCase("\"title\": \"Free coffee\"", "\"title\": \"" + "t".repeat(301) + "\"",
                        "treatments.PUSH.en.title", null));
        for (InvalidCase invalid : cases) {
            assertThat(valid).as("template of %s", invalid.field()).contains(invalid.validPart());
            String body = valid.replace(invalid.validPart(), invalid.invalidPart());

            Reply reply = send("marketer", "POST", "/api/v1/offers", body, null);

            assertThat(reply.status()).as("status for %s", invalid.field()).isEqualTo(400);
            assertThat(reply.json().get("field").asString()).as("field for %s", invalid.field())
                    .isEqualTo(invalid.field());
            if (invalid.value() != null) {
                assertThat(reply.json().get("value").asString()).as("value for %s", invalid.field())
                        .isEqualTo(invalid.value());
            }
        }
        assertThat(send("marketer", "GET", "/api/v1/offers/INVALID-X", null, null).status()).isEqualTo(404);
    }

    @Test
    void missingEnglishTreatmentIsRejected() {
        String valid = offerBody("NO-ENGLISH", "loyalty-2026", "x");
        String body = valid.replaceAll(",\\s*\"en\": \\{\"title\": \"Free coffee\", \"body\": \"A free coffee\"}", "");

        Reply reply = send("marketer", "POST", "/api/v1/offers", body, null);

        assertThat(body).isNotEqualTo(valid);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("field").asString()).isEqualTo("treatments.PUSH.en");
    }

    private String createOffer() {
        String campaignId = "edit-" + UUID.randomUUID();
        String offerId = "EDIT-" + UUID.randomUUID();
        send("marketer", "POST", "/api/v1/campaigns", """
                {"campaignId": "%s", "nameFr": "Édition", "nameEn": "Edit"}""".formatted(campaignId), null);
        assertThat(send("marketer", "POST", "/api/v1/offers", offerBody(offerId, campaignId, "Titre"), null).status())
                .isEqualTo(201);
        return offerId;
    }

    /** Returns a valid offer body whose French push title is {@code pushTitleFr}. */
    private static String offerBody(String offerId, String campaignId, String pushTitleFr) {
        return """
                {"offerId": "%s", "campaignId": "%s", "messageFr": "Message", "messageEn": "Message",
                 "businessValue": 3, "validFrom": "2025-12-31T23:00:00Z", "validTo": "2027-12-31T23:00:00Z",
                 "storeId": null, "chain": null, "priorPropensity": 0.2, "businessLever": 1.0,
                 "maxTotal": 1000, "maxPerDay": 50, "cooldownMinutes": 60, "couponValidity": "end-of-day",
                 "treatments": {
                   "PUSH": {"fr": {"title": "%s", "body": "Un café offert"},
                            "en": {"title": "Free coffee", "body": "A free coffee"}},
                   "SMS": {"fr": {"body": "x code"}, "en": {"body": "x code"}}}}"""
                .formatted(offerId, campaignId, pushTitleFr);
    }

    /** Returns the body of the demo welcome offer with a new push wording, in the given campaign. */
    private static String welcomeBody(String campaignId, String pushBodyFr) {
        return """
                {"campaignId": "%s", "messageFr": "{store} : -10 %% aujourd'hui.", "messageEn": "{store}: 10%% off.",
                 "businessValue": 10, "validFrom": "2025-12-31T23:00:00Z", "validTo": "2027-12-31T23:00:00Z",
                 "priorPropensity": 0.2,
                 "treatments": {"PUSH": {"fr": {"title": "Bienvenue", "body": "%s"},
                                         "en": {"title": "Welcome", "body": "New welcome at {store}"}}}}"""
                .formatted(campaignId, pushBodyFr);
    }

    private JsonNode decide(String customerId) {
        ApiClient.Response response = app().post("/api/v1/decisions", """
                {"customerId": "%s", "channel": "PUSH", "storeId": "demo-maubert", "at": "%s", "maxOffers": 3}"""
                .formatted(customerId, FRIDAY_MORNING));
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    private String pushCustomer() {
        return TestCustomers.pushCustomer(customers, transaction, "offer-api-");
    }

    private static JsonNode offerById(JsonNode decision, String offerId) {
        for (JsonNode offer : decision.get("offers")) {
            if (offer.get("offerId").asString().equals(offerId)) {
                return offer;
            }
        }
        throw new AssertionError("offer " + offerId + " not chosen in " + decision);
    }

    private static List<String> offerIds(JsonNode decision) {
        return ids(decision.get("offers"));
    }

    private static List<String> ids(JsonNode offers) {
        return offers.valueStream().map(offer -> offer.get("offerId").asString()).toList();
    }

    private static String campaignOf(Reply offer) {
        return offer.json().get("campaignId").asString();
    }

    /** Sends a request as a demo user, with {@code If-Match} when {@code ifMatch} is not null. */
    private Reply send(String user, String method, String path, String body, String ifMatch) {
        // The demo users have no ADMIN; DemoServer adds "operator" with that role alone.
        String login = "admin".equals(user) ? "operator" : user;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((login + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("ETag").orElse(null),
                    response.body());
        } catch (IOException | InterruptedException failed) {
            throw new IllegalStateException(method + " " + path + " failed", failed);
        }
    }

    /**
     * A part of the valid body, the invalid text that replaces it, and the field and value the problem must name.
     * A null value is not compared, because the problem shortens long values.
     */
    private record InvalidCase(String validPart, String invalidPart, String field, String value) {
    }

    private record Reply(int status, String eTag, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }
    }
}
