package io.solomo.decision.console;

import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import io.solomo.decision.support.FrenchProblems;
import io.solomo.rules.OfferRuleCompiler;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console through the running server: its files are public and carry a content security policy, the API it
 * calls stays behind HTTP Basic, and every API entry of {@code static/console/api.json} exists for the roles it
 * lists and is forbidden to the other console roles.
 */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:console;DB_CLOSE_DELAY=-1")
class ConsoleIntegrationTests extends DemoServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    private static final String TEMPLATE = "STORE-WELCOME-10";
    private static final String SWITCHED_OFFER = "WEEKEND-FLOWERS";
    private static final String RULE_SET = "offers";
    private static final String WORKBOOK = "solomo/offers/offers.drl.xlsx";
    private static final String TEMPLATE_SETTINGS = """
            {"approvalRequired": true, "maxRunDays": 7, "maxCouponsPerStore": 50, "localOnly": false}""";
    private static final String DEMO_SEGMENT = "active-advocates";

    /**
     * A user of each console role: the demo marketer, an administrator without other roles, a store manager and the
     * demo analyst.
     */
    private static final Map<String, String> USER_OF_ROLE = Map.of("MARKETER", "marketer", "ADMIN", "operator",
            "LOCAL_MARKETER", "store-bastille", "ANALYST", "analyst");

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<byte[]> getAnonymously(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] resource(String file) throws IOException {
        try (InputStream in = ConsoleIntegrationTests.class.getResourceAsStream("/static/console/" + file)) {
            assertThat(in).as("static/console/" + file + " on the class path").isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void consolePageServedWithoutLogin() throws Exception {
        HttpResponse<byte[]> page = getAnonymously("/console/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).isEqualTo(resource("index.html"));
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(policy).contains("default-src 'self'");
        assertThat(policy).contains("frame-ancestors 'none'");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    /**
     * A form without a method is sent as a GET to its own page, with the password in the URL, when the user submits
     * it before console.js handles it or when console.js fails to load.
     */
    @Test
    void signInFormKeepsPasswordOutOfUrl() throws Exception {
        String page = new String(getAnonymously("/console/").body(), StandardCharsets.UTF_8);
        Matcher form = Pattern.compile("<form id=\"sign-in-form\"([^>]*)>(.*?)</form>", Pattern.DOTALL)
                .matcher(page);
        assertThat(form.find()).as("sign-in form in index.html").isTrue();

        assertThat(form.group(1)).contains("method=\"post\"");
        Matcher submit = Pattern.compile("<button type=\"submit\"([^>]*)>").matcher(form.group(2));
        assertThat(submit.find()).as("submit button of the sign-in form").isTrue();
        assertThat(submit.group(1)).contains("disabled");
    }

    @Test
    void consoleWithoutSlashRedirects() throws Exception {
        HttpResponse<byte[]> redirect = getAnonymously("/console");

        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location").orElse("")).endsWith("/console/");
    }

    @Test
    void consoleAssetsServedWithTypes() throws Exception {
        Map<String, String> types = Map.of("index.html", "text/html", "console.js", "text/javascript",
                "console.css", "text/css", "messages.json", "application/json", "api.json", "application/json");
        for (Map.Entry<String, String> asset : types.entrySet()) {
            HttpResponse<byte[]> response = getAnonymously("/console/" + asset.getKey());

            assertThat(response.statusCode()).as(asset.getKey()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).as(asset.getKey())
                    .startsWith(asset.getValue());
            assertThat(response.body()).as(asset.getKey()).isEqualTo(resource(asset.getKey()));
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(asset.getKey()).isPresent();
        }
    }

    /** Browsers fetch the icon of every page on their own, and a 401 there could open their login dialog. */
    @Test
    void faviconNeedsNoLogin() throws Exception {
        HttpResponse<byte[]> icon = getAnonymously("/favicon.ico");

        assertThat(icon.statusCode()).isEqualTo(404);
        assertThat(icon.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void consoleServesOnlyItsFiles() throws Exception {
        assertThat(getAnonymously("/console/missing.js").statusCode()).isEqualTo(404);
        assertThat(getAnonymously("/console/nested/index.html").statusCode()).isIn(401, 403);
        // The console's files are public, its data is not.
        HttpResponse<byte[]> me = getAnonymously("/api/v1/me");
        assertThat(me.statusCode()).isEqualTo(401);
        assertThat(getAnonymously("/api/v1/local-campaigns?status=PENDING").statusCode()).isEqualTo(401);
    }

    @Test
    void meReturnsRolesAndScope() {
        JsonNode storeManager = ApiClient.on(port).as("store-bastille", PASSWORD).get("/api/v1/me").json();
        assertThat(storeManager.get("name").asString()).isEqualTo("store-bastille");
        assertThat(storeManager.get("roles").toString()).isEqualTo("[\"LOCAL_MARKETER\"]");
        assertThat(storeManager.get("storeIds").toString()).isEqualTo("[\"demo-bastille\"]");
        assertThat(storeManager.get("chains").toString()).isEqualTo("[]");

        JsonNode agency = ApiClient.on(port).as("agency-demo-marche", PASSWORD).get("/api/v1/me").json();
        assertThat(agency.get("chains").toString()).isEqualTo("[\"Demo Marché\"]");

        JsonNode headOffice = marketer().get("/api/v1/me").json();
        assertThat(headOffice.get("roles").toString()).isEqualTo("[\"MARKETER\"]");
        assertThat(headOffice.get("storeIds").toString()).isEqualTo("[]");
    }

    @Test
    void meRejectsWrongPassword() {
        ApiClient.Response response = ApiClient.on(port).as("marketer", "wrong").get("/api/v1/me");

        assertThat(response.status()).isEqualTo(401);
    }

    /**
     * Calls each entry of api.json as each console role, in the file's order, on a real pending campaign, a real
     * offer and a valid rule set version. A listed role must reach the endpoint, so no 401, 403, 404, 405 or 406. A
     * 409 for a campaign that an earlier call already approved is fine. Any other console role must get 403, so that
     * the console's list of roles matches the server's rules. An entry marked "multipart" sends the bundled rule files
     * as parts of that name, as the browser's FormData does, and an entry with "accept" sends that media type in its
     * Accept header. The template entries work on the switched offer, which each withdrawal finds marked.
     */
    @Test
    void everyConsoleApiEntryExistsForItsRoles() throws IOException {
        JsonNode api = JSON.readTree(resource("api.json"));
        int ruleSetVersion = uploadBundledRules();
        Map<String, String> values = Map.ofEntries(
                Map.entry("campaignId", String.valueOf(createPendingCampaign())),
                Map.entry("offerId", SWITCHED_OFFER), Map.entry("after", ""), Map.entry("rulesetId", RULE_SET),
                Map.entry("version", String.valueOf(ruleSetVersion)), Map.entry("path", WORKBOOK),
                Map.entry("from", "1"), Map.entry("segmentId", DEMO_SEGMENT), Map.entry("start", "2026-01-01"),
                Map.entry("end", "2026-01-31"), Map.entry("window", "P14D"));
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
        Map<String, String> bodies = Map.of(
                "rejectCampaign", "{\"reason\": \"Dates too close to the sales\"}",
                "createCampaign", """
                        {"templateOfferId": "%s", "storeIds": ["demo-bastille"], "startDate": "%s",
                         "endDate": "%s", "maxPerDay": 5}""".formatted(TEMPLATE, today.plusDays(3),
                        today.plusDays(4)),
                "createOffer", offerBody(body -> body.put("offerId", "CONSOLE-API").put("active", false)),
                "replaceOffer", unchangedSwitchedOffer(),
                "markTemplate", TEMPLATE_SETTINGS,
                "createSegment", """
                        {"segmentId": "console-gold", "nameFr": "Clients or", "nameEn": "Gold customers",
                         "conditions": [{"field": "loyaltyTier", "operator": "=", "value": "GOLD"}]}""",
                "replaceSegment", """
                        {"nameFr": "Ambassadeurs actifs", "nameEn": "Active advocates",
                         "conditions": [{"field": "advocacyScore", "operator": ">=", "value": 50},
                                        {"field": "daysSinceLastInteraction", "operator": "<", "value": 90}]}""");

        assertThat(api.propertyNames()).isNotEmpty();
        for (String name : api.propertyNames()) {
            JsonNode entry = api.get(name);
            String method = entry.get("method").asString();
            String path = fill(entry.get("path").asString(), values);
            List<String> roles = entry.get("roles").valueStream().map(JsonNode::asString).toList();
            String body = entry.has("body") ? bodies.get(name) : null;
            assertThat(!entry.has("body") || body != null).as(name + " needs a sample body in this test").isTrue();
            String partName = entry.has("multipart") ? entry.get("multipart").asString() : null;

            for (Map.Entry<String, String> role : USER_OF_ROLE.entrySet()) {
                if (name.equals("withdrawTemplate")) {
                    markTemplate(SWITCHED_OFFER);
                }
                int status = partName != null ? sendMultipart(role.getValue(), path, partName)
                        : send(role.getValue(), method, path, body, entry.path("ifMatch").asBoolean(false)
                                ? eTagSource(path) : null, entry.path("accept").asString("application/json"));
                String call = name + " " + method + " " + path + " as " + role.getValue();
                if (roles.contains(role.getKey())) {
                    assertThat(status).as(call).isNotIn(401, 403, 404, 405, 406);
                } else {
                    assertThat(status).as(call).isEqualTo(403);
                }
            }
        }

        // The console's rollback button names the previous version from the list, which the rollback above set.
        JsonNode ruleSet = analyst().get("/api/v1/rulesets").json().valueStream()
                .filter(each -> each.get("rulesetId").asString().equals(RULE_SET)).findFirst().orElseThrow();
        assertThat(ruleSet.get("activeVersion").asInt()).isEqualTo(1);
        assertThat(ruleSet.get("previousVersion").asInt()).isEqualTo(ruleSetVersion);
    }

    /**
     * Sends failing calls of each family that the console makes, and checks that every problem carries a French
     * {@code detailFr} beside its {@code detail}: invalid fields, wrong types, unknown and duplicate fields, malformed
     * bodies, unknown ids and paths, 401, 403, 405, 415, the If-Match problems, the state conflicts and each check of
     * an offer's fields on creation and edit.
     */
    @Test
    void consoleProblemsCarryFrenchDetail() {
        ApiClient storeManager = ApiClient.on(port).as("store-bastille", PASSWORD);
        // No campaign is looked up before these calls fail, so the id need not exist.
        long pending = 1;
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
        // Days that the other tests of this class leave free, so that the overlap below is with this test's campaign.
        LocalDate overlapDay = today.plusDays(5);
        markTemplate();
        ApiClient.Response first = storeManager.post("/api/v1/local-campaigns",
                campaign().formatted(TEMPLATE, overlapDay, overlapDay, ""));
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        long version = marketer().get("/api/v1/offers/" + SWITCHED_OFFER).json().get("version").asLong();
        Multipart noFile = new Multipart("multipart/form-data; boundary=empty", "--empty--\r\n"
                .getBytes(StandardCharsets.UTF_8));

        Map<String, ApiClient.Response> calls = new LinkedHashMap<>();
        calls.put("me with a wrong password", ApiClient.on(port).as("marketer", "wrong").get("/api/v1/me"));
        calls.put("approve as a store manager", storeManager.post("/api/v1/local-campaigns/" + pending
                + "/approve", ""));
        calls.put("approve an unknown campaign", marketer().post("/api/v1/local-campaigns/987654/approve", ""));
        calls.put("approve with a text id", marketer().post("/api/v1/local-campaigns/abc/approve", ""));
        calls.put("DELETE on switch-off", marketer().delete("/api/v1/offers/" + SWITCHED_OFFER + "/switch-off"));
        calls.put("unknown path", marketer().get("/api/v1/no-such-list"));
        calls.put("reject without reason", marketer().post("/api/v1/local-campaigns/" + pending + "/reject",
                "{\"reason\": \" \"}"));
        calls.put("reject with an unknown field", marketer().post("/api/v1/local-campaigns/" + pending
                + "/reject", "{\"reason\": \"Trop tôt\", \"motif\": \"x\"}"));
        calls.put("reject with a duplicate field", marketer().post("/api/v1/local-campaigns/" + pending
                + "/reject", "{\"reason\": \"a\", \"reason\": \"b\"}"));
        calls.put("local campaigns of an unknown status", marketer().get("/api/v1/local-campaigns?status=LIVE"));
        calls.put("create with malformed JSON", storeManager.post("/api/v1/local-campaigns", "{\"templateOfferId\""));
        calls.put("create with an array body", storeManager.post("/api/v1/local-campaigns", "[]"));
        calls.put("create with text", storeManager.post("/api/v1/local-campaigns", "{}", "text/plain"));
        calls.put("create without body", storeManager.post("/api/v1/local-campaigns", ""));
        calls.put("create with a text maxPerDay", storeManager.post("/api/v1/local-campaigns",
                campaign().formatted(TEMPLATE, today, today, ", \"maxPerDay\": \"beaucoup\"")));
        calls.put("create with an invalid date", storeManager.post("/api/v1/local-campaigns",
                campaign().formatted(TEMPLATE, "03/12/2027", today, "")));
        calls.put("create ending before it starts", storeManager.post("/api/v1/local-campaigns",
                campaign().formatted(TEMPLATE, today.plusDays(2), today.plusDays(1), "")));
        calls.put("create running too long", storeManager.post("/api/v1/local-campaigns",
                campaign().formatted(TEMPLATE, today, today.plusDays(30), "")));
        calls.put("create starting in the past", storeManager.post("/api/v1/local-campaigns",
                campaign().formatted(TEMPLATE, today.minusDays(1), today, "")));
        calls.put("create overlapping", storeManager.post("/api/v1/local-campaigns",
                campaign().formatted(TEMPLATE, overlapDay, overlapDay, "")));
        calls.put("create with too many per day", storeManager.post("/api/v1/local-campaigns",
                campaign().formatted(TEMPLATE, today.plusDays(3), today.plusDays(3), ", \"maxPerDay\": 5000")));
        calls.put("create with an unknown template", storeManager.post("/api/v1/local-campaigns",
                campaign().formatted("NO-SUCH-TEMPLATE", today, today, "")));
        calls.put("create without stores", storeManager.post("/api/v1/local-campaigns", """
                {"templateOfferId": "%s", "storeIds": [], "startDate": "%s", "endDate": "%s"}"""
                .formatted(TEMPLATE, today, today)));
        calls.put("create for another store", storeManager.post("/api/v1/local-campaigns", """
                {"templateOfferId": "%s", "storeIds": ["demo-republique"], "startDate": "%s", "endDate": "%s"}"""
                .formatted(TEMPLATE, today, today)));
        calls.put("offers with a text limit", marketer().get("/api/v1/offers?limit=many"));
        calls.put("offers with limit 0", marketer().get("/api/v1/offers?limit=0"));
        calls.put("switch off an unknown offer", marketer().post("/api/v1/offers/NO-SUCH-OFFER/switch-off", ""));
        calls.put("switch off with an unquoted If-Match", sendWithIfMatch("/api/v1/offers/" + SWITCHED_OFFER
                + "/switch-off", String.valueOf(version)));
        calls.put("switch off with a stale If-Match", sendWithIfMatch("/api/v1/offers/" + SWITCHED_OFFER
                + "/switch-off", "\"" + (version + 10) + "\""));
        calls.put("stores with limit 0", marketer().get("/api/v1/stores?limit=0"));
        calls.put("stores of a blank chain", marketer().get("/api/v1/stores?chain=%20"));
        calls.put("unknown rule set", analyst().get("/api/v1/rulesets/no-such-rules"));
        calls.put("unknown rule set version", analyst().get("/api/v1/rulesets/" + RULE_SET + "/versions/999"));
        calls.put("upload without files", analyst().post("/api/v1/rulesets/" + RULE_SET + "/versions",
                noFile.body(), noFile.contentType()));
        calls.put("activate an unknown version", analyst().post("/api/v1/rulesets/" + RULE_SET
                + "/versions/999/activate", ""));
        calls.put("offer results of an invalid day", analyst().get("/api/v1/reports/offers?from=2026-02-30"
                + "&to=2026-03-31"));
        calls.put("lift without a period end", marketer().get("/api/v1/reports/lift?from=2026-03-01"));
        calls.put("lift with a window in months", marketer().get("/api/v1/reports/lift?from=2026-03-01"
                + "&to=2026-03-31&window=P1M"));
        calls.putAll(failingOfferCalls(version));
        putSegmentProblems(calls);

        for (Map.Entry<String, ApiClient.Response> call : calls.entrySet()) {
            ApiClient.Response response = call.getValue();
            assertThat(response.status()).as(call.getKey() + ": " + response.text()).isBetween(400, 499);
            FrenchProblems.assertFrenchDetail(call.getKey(), response.json());
        }
        assertThat(calls.get("create ending before it starts").json().get("field").asString()).isEqualTo("endDate");
        assertThat(calls.get("switch off with a stale If-Match").status()).isEqualTo(412);
        assertThat(calls.get("create overlapping").status()).isEqualTo(409);
        assertThat(calls.get("DELETE on switch-off").status()).isEqualTo(405);
        assertThat(calls.get("create with text").status()).isEqualTo(415);
        assertThat(calls.get("create offer ending before it starts").json().get("field").asString())
                .isEqualTo("validTo");
        assertThat(calls.get("create offer with an SMS title").json().get("field").asString())
                .isEqualTo("treatments.SMS.fr.title");
        assertThat(calls.get("create offer with an existing id").status()).isEqualTo(409);
        assertThat(calls.get("edit offer without If-Match").status()).isEqualTo(428);
        assertThat(calls.get("edit offer with a stale If-Match").status()).isEqualTo(412);
        assertThat(calls.get("edit offer with a negative maxTotal").json().get("field").asString())
                .isEqualTo("maxTotal");
        assertThat(calls.get("edit an unknown offer").status()).isEqualTo(404);
        assertThat(calls.get("segment with an operator its field rejects").json().get("field").asString())
                .isEqualTo("conditions[1].operator");
        assertThat(calls.get("segment with an existing id").status()).isEqualTo(409);
        assertThat(calls.get("segment replaced without If-Match").status()).isEqualTo(428);
        assertThat(calls.get("segment replaced with a stale If-Match").status()).isEqualTo(412);
        assertThat(calls.get("members of an unknown segment").status()).isEqualTo(404);
        assertThat(calls.get("offer results of an invalid day").json().get("field").asString()).isEqualTo("from");
        assertThat(calls.get("lift without a period end").json().get("field").asString()).isEqualTo("to");
        assertThat(calls.get("lift with a window in months").json().get("field").asString()).isEqualTo("window");
    }

    /**
     * Sends offer creations and edits that each break one check of {@code OfferBodies} or {@code OfferManagement},
     * as the console's offer form can send them.
     *
     * @param version the current version of {@link #SWITCHED_OFFER}, which the edits name in If-Match
     */
    private Map<String, ApiClient.Response> failingOfferCalls(long version) {
        Map<String, ApiClient.Response> calls = new LinkedHashMap<>();
        calls.put("create offer without body", marketer().post("/api/v1/offers", "null"));
        calls.put("create offer with an invalid id", createOffer(body -> body.put("offerId", "café offert")));
        calls.put("create offer with an existing id", createOffer(body -> body.put("offerId", SWITCHED_OFFER)));
        calls.put("create offer of an unknown campaign", createOffer(body -> body.put("campaignId", "no-such")));
        calls.put("create offer without messageFr", createOffer(body -> body.remove("messageFr")));
        calls.put("create offer without businessValue", createOffer(body -> body.remove("businessValue")));
        calls.put("create offer with a negative businessValue", createOffer(body -> body.put("businessValue", -1)));
        calls.put("create offer without validTo", createOffer(body -> body.remove("validTo")));
        calls.put("create offer with a French date", createOffer(body -> body.put("validFrom", "04/12/2026")));
        calls.put("create offer ending in 2200", createOffer(body -> body.put("validTo", "2200-01-01T00:00:00Z")));
        calls.put("create offer ending before it starts", createOffer(body -> body.put("validTo",
                "2025-01-01T00:00:00Z")));
        calls.put("create offer with priorPropensity 1", createOffer(body -> body.put("priorPropensity", 1)));
        calls.put("create offer with businessLever 0", createOffer(body -> body.put("businessLever", 0)));
        calls.put("create offer with a negative maxPerDay", createOffer(body -> body.put("maxPerDay", -1)));
        calls.put("create offer with a monthly couponValidity", createOffer(body -> body.put("couponValidity",
                "P1M")));
        calls.put("create offer at an unknown store", createOffer(body -> body.put("storeId", "no-such-store")));
        calls.put("create offer of an unknown chain", createOffer(body -> body.put("chain", "No Such Chain")));
        calls.put("create offer with a store of another chain", createOffer(body -> body.put("storeId",
                "demo-bastille").put("chain", "No Such Chain")));
        calls.put("create offer with an unknown channel", createOffer(body -> treatments(body)
                .set("FAX", treatments(body).get("PUSH"))));
        calls.put("create offer with a channel twice", createOffer(body -> treatments(body)
                .set("push", treatments(body).get("PUSH"))));
        calls.put("create offer with a German treatment", createOffer(body -> ((ObjectNode) treatments(body)
                .get("PUSH")).set("de", treatments(body).get("PUSH").get("en"))));
        calls.put("create offer without the English push", createOffer(body -> ((ObjectNode) treatments(body)
                .get("PUSH")).remove("en")));
        calls.put("create offer with an SMS title", createOffer(body -> ((ObjectNode) treatments(body).get("SMS")
                .get("fr")).put("title", "Titre")));

        String path = "/api/v1/offers/" + SWITCHED_OFFER;
        String tag = "\"" + version + "\"";
        calls.put("edit offer with another offerId", marketer().put(path, offerBody(body -> body.put("offerId",
                "OTHER-OFFER")), tag));
        calls.put("edit offer without If-Match", marketer().put(path, editBody(body -> { })));
        calls.put("edit offer with a stale If-Match", marketer().put(path, editBody(body -> { }),
                "\"" + (version + 10) + "\""));
        calls.put("edit offer with a negative maxTotal", marketer().put(path, editBody(body -> body.put("maxTotal",
                -5)), tag));
        calls.put("edit an unknown offer", marketer().put("/api/v1/offers/NO-SUCH-OFFER", editBody(body -> { }),
                "*"));
        return calls;
    }

    private ApiClient.Response createOffer(Consumer<ObjectNode> change) {
        return marketer().post("/api/v1/offers", offerBody(change));
    }

    /**
     * Returns a valid body of a new offer, CONSOLE-NEW in the switched offer's campaign, with push and SMS treatments,
     * after {@code change} has broken one field of it.
     */
    private String offerBody(Consumer<ObjectNode> change) {
        String campaignId = marketer().get("/api/v1/offers/" + SWITCHED_OFFER).json().get("campaignId").asString();
        ObjectNode body = (ObjectNode) JSON.readTree("""
                {"offerId": "CONSOLE-NEW", "campaignId": "%s", "messageFr": "Un café offert",
                 "messageEn": "A free coffee", "businessValue": 3, "validFrom": "2026-01-01T00:00:00Z",
                 "validTo": "2027-12-31T23:00:00Z", "couponValidity": "PT2H",
                 "treatments": {
                   "PUSH": {"fr": {"title": "Café", "body": "Un café offert"},
                            "en": {"title": "Coffee", "body": "A free coffee"}},
                   "SMS": {"fr": {"body": "Un café offert"}, "en": {"body": "A free coffee"}}}}"""
                .formatted(campaignId));
        change.accept(body);
        return body.toString();
    }

    /** Returns the body of {@link #offerBody} without its offerId, as an edit sends it, after {@code change}. */
    private String editBody(Consumer<ObjectNode> change) {
        return offerBody(body -> change.accept(body.without("offerId")));
    }

    private static ObjectNode treatments(ObjectNode offer) {
        return (ObjectNode) offer.get("treatments");
    }

    /**
     * Adds a failing call for each problem that the segment endpoints raise: 400 for each part of a condition and
     * each other field, 404, 409, 412 and 428.
     */
    private void putSegmentProblems(Map<String, ApiClient.Response> calls) {
        String demo = "/api/v1/segments/" + DEMO_SEGMENT;
        long version = marketer().get(demo).json().get("version").asLong();
        String valid = "{\"field\": \"advocacyScore\", \"operator\": \">=\", \"value\": 50}";

        calls.put("segment without conditions", marketer().post("/api/v1/segments", segment("no-conditions", null)));
        calls.put("segment with empty conditions", marketer().post("/api/v1/segments", segment("empty", "[]")));
        calls.put("segment with 21 conditions", marketer().post("/api/v1/segments", segment("many",
                "[" + String.join(", ", Collections.nCopies(21, valid)) + "]")));
        calls.put("segment with a text condition", marketer().post("/api/v1/segments", segment("text",
                "[\"advocacyScore\"]")));
        calls.put("segment with an unknown condition part", marketer().post("/api/v1/segments", segment("part",
                "[{\"field\": \"visitCount\", \"operator\": \">=\", \"value\": 1, \"unit\": \"days\"}]")));
        calls.put("segment with an unknown field", marketer().post("/api/v1/segments", segment("field",
                "[{\"field\": \"age\", \"operator\": \">=\", \"value\": 30}]")));
        calls.put("segment without field", marketer().post("/api/v1/segments", segment("no-field",
                "[{\"operator\": \">=\", \"value\": 30}]")));
        calls.put("segment with an unknown operator", marketer().post("/api/v1/segments", segment("operator",
                "[{\"field\": \"visitCount\", \"operator\": \"!=\", \"value\": 3}]")));
        calls.put("segment with an operator its field rejects", marketer().post("/api/v1/segments",
                segment("rejected-operator", "[" + valid + ", {\"field\": \"language\", \"operator\": \">\", "
                        + "\"value\": \"fr\"}]")));
        calls.put("segment without value", marketer().post("/api/v1/segments", segment("no-value",
                "[{\"field\": \"visitCount\", \"operator\": \">=\"}]")));
        calls.put("segment with a score above 100", marketer().post("/api/v1/segments", segment("score",
                "[{\"field\": \"advocacyScore\", \"operator\": \">=\", \"value\": 500}]")));
        calls.put("segment with an amount of three decimals", marketer().post("/api/v1/segments",
                segment("amount", "[{\"field\": \"monetaryTotal\", \"operator\": \">\", \"value\": 1.005}]")));
        calls.put("segment with an unknown tier", marketer().post("/api/v1/segments", segment("tier",
                "[{\"field\": \"loyaltyTier\", \"operator\": \"=\", \"value\": \"DIAMOND\"}]")));
        calls.put("segment with a text anonymous", marketer().post("/api/v1/segments", segment("anonymous",
                "[{\"field\": \"anonymous\", \"operator\": \"=\", \"value\": \"yes\"}]")));
        calls.put("segment with in and one value", marketer().post("/api/v1/segments", segment("in-one",
                "[{\"field\": \"language\", \"operator\": \"in\", \"value\": \"fr\"}]")));
        calls.put("segment with = and a list", marketer().post("/api/v1/segments", segment("equal-list",
                "[{\"field\": \"language\", \"operator\": \"=\", \"value\": [\"fr\"]}]")));
        calls.put("segment with a blank store id", marketer().post("/api/v1/segments", segment("blank-store",
                "[{\"field\": \"lastStoreId\", \"operator\": \"=\", \"value\": \" \"}]")));
        calls.put("segment with an unknown store", marketer().post("/api/v1/segments", segment("unknown-store",
                "[{\"field\": \"lastStoreId\", \"operator\": \"=\", \"value\": \"no-such-store\"}]")));
        calls.put("segment with an invalid id", marketer().post("/api/v1/segments", """
                {"segmentId": "-bad id", "nameFr": "Mauvais", "nameEn": "Bad", "conditions": [%s]}"""
                .formatted(valid)));
        calls.put("segment without French name", marketer().post("/api/v1/segments", """
                {"segmentId": "no-name", "nameEn": "No name", "conditions": [%s]}""".formatted(valid)));
        calls.put("segment with an existing id", marketer().post("/api/v1/segments", segment(DEMO_SEGMENT,
                "[" + valid + "]")));
        calls.put("segment replaced with another id", marketer().put(demo, """
                {"segmentId": "other", "nameFr": "Autre", "nameEn": "Other", "conditions": [%s]}"""
                .formatted(valid), "*"));
        calls.put("segment replaced without If-Match", marketer().put(demo, segment(DEMO_SEGMENT, "[" + valid + "]")));
        calls.put("segment replaced with an unquoted If-Match", marketer().put(demo,
                segment(DEMO_SEGMENT, "[" + valid + "]"), String.valueOf(version)));
        calls.put("segment replaced with a stale If-Match", marketer().put(demo,
                segment(DEMO_SEGMENT, "[" + valid + "]"), "\"" + (version + 10) + "\""));
        calls.put("unknown segment", analyst().get("/api/v1/segments/no-such-segment"));
        calls.put("unknown segment replaced", marketer().put("/api/v1/segments/no-such-segment",
                segment("no-such-segment", "[" + valid + "]"), "\"0\""));
        calls.put("members of an unknown segment", analyst().get("/api/v1/segments/no-such-segment/members"));
        calls.put("segments with limit 0", analyst().get("/api/v1/segments?limit=0"));
        calls.put("members with limit 501", analyst().get(demo + "/members?limit=501"));
    }

    /** Returns a segment body with the id and the conditions' JSON, or without conditions when it is null. */
    private static String segment(String segmentId, String conditions) {
        return "{\"segmentId\": \"" + segmentId + "\", \"nameFr\": \"Essai\", \"nameEn\": \"Trial\""
                + (conditions == null ? "" : ", \"conditions\": " + conditions) + "}";
    }

    /** Returns a local campaign body of demo-bastille with the template, dates and extra fields to fill in. */
    private static String campaign() {
        return """
                {"templateOfferId": "%s", "storeIds": ["demo-bastille"], "startDate": "%s", "endDate": "%s"%s}""";
    }

    /** Switches the offer of {@code path} with the given If-Match header, as the console's buttons do. */
    private ApiClient.Response sendWithIfMatch(String path, String ifMatch) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("marketer:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("If-Match", ifMatch)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new ApiClient.Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body(), null, null, null);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private ApiClient analyst() {
        return ApiClient.on(port).as("analyst", PASSWORD);
    }

    /** Uploads the bundled rule files as a new version of the offer rules and returns its number. */
    private int uploadBundledRules() {
        Multipart upload = multipart("file");
        ApiClient.Response created = analyst().post("/api/v1/rulesets/" + RULE_SET + "/versions", upload.body(),
                upload.contentType());
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().get("status").asString()).as(created.text()).isEqualTo("VALID");
        return created.json().get("version").asInt();
    }

    private record Multipart(String contentType, byte[] body) {
    }

    /** Builds a multipart body with one part per bundled rule file, each named partName, with the path as file name. */
    private static Multipart multipart(String partName) {
        String boundary = "console-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        OfferRuleCompiler.bundledFiles().forEach((path, content) -> {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + partName
                    + "\"; filename=\"" + path + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return new Multipart("multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    private int sendMultipart(String user, String path, String partName) {
        Multipart upload = multipart(partName);
        return ApiClient.on(port).as(user, PASSWORD).post(path, upload.body(), upload.contentType()).status();
    }

    private void markTemplate() {
        markTemplate(TEMPLATE);
    }

    private void markTemplate(String offerId) {
        ApiClient.Response marked = marketer().put("/api/v1/offers/" + offerId + "/local-template", TEMPLATE_SETTINGS);
        assertThat(marked.status()).as(marked.text()).isEqualTo(200);
    }

    /**
     * Returns the switched offer as a PUT body that changes nothing: its GET response without the fields that only
     * responses carry, and without {@code active}, which a replacement then keeps.
     */
    private String unchangedSwitchedOffer() {
        ObjectNode offer = (ObjectNode) marketer().get("/api/v1/offers/" + SWITCHED_OFFER).json();
        return offer.without(List.of("version", "templateOfferId", "localCampaignId", "active")).toString();
    }

    private long createPendingCampaign() {
        markTemplate();
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
        ApiClient.Response created = ApiClient.on(port).as("store-bastille", PASSWORD).post("/api/v1/local-campaigns",
                """
                {"templateOfferId": "%s", "storeIds": ["demo-bastille"], "startDate": "%s", "endDate": "%s"}"""
                        .formatted(TEMPLATE, today, today.plusDays(1)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().get("localCampaignId").asLong();
    }

    /** Returns the path whose GET returns the version that a call of {@code path} sends in If-Match. */
    private static String eTagSource(String path) {
        return path.startsWith("/api/v1/segments/") ? path : "/api/v1/offers/" + SWITCHED_OFFER;
    }

    /**
     * Sends one console call as the browser does, with the current ETag of the offer or segment where the entry
     * requires one.
     *
     * @param eTagSource the path whose GET returns the version to send in If-Match, or null to send none
     * @param accept     the media type that the console requests, to which a problem's media type is added
     */
    private int send(String user, String method, String path, String body, String eTagSource, String accept) {
        String version = eTagSource != null ? "\"" + marketer().get(eTagSource).json().get("version").asLong() + "\""
                : null;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Accept", accept + ", application/problem+json");
        if (version != null) {
            request.header("If-Match", version);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private static String fill(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            assertThat(value).as("test value for {" + matcher.group(1) + "} in " + template).isNotNull();
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }
}
