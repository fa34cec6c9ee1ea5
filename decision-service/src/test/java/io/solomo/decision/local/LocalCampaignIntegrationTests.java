package io.solomo.decision.local;

import io.solomo.decision.security.StoreScope;
import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import io.solomo.decision.support.FrenchProblems;
import io.solomo.decision.web.FrenchDetails;
import io.solomo.decision.web.InvalidFieldException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Local campaigns through the running server: head office marks templates, the demo store manager
 * ({@code store-bastille}, store {@code demo-bastille}) and the demo agency ({@code agency-demo-marche}, chain
 * "Demo Marché") run them, and decisions offer them at their stores only.
 */
// A lock timeout above the default of H2 2.4, 2000 ms, lets the concurrency tests hold a row lock while they check that another
// request waits for it.
@TestPropertySource(properties =
        "spring.datasource.url=jdbc:h2:mem:local-campaigns;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000")
class LocalCampaignIntegrationTests extends DemoServer {

    /** How long a concurrency test lets a second request run before it ends the first one's transaction. */
    private static final long OVERLAP_MILLIS = 1500;

    private static final LocalCampaigns.Caller HEAD_OFFICE = new LocalCampaigns.Caller("marketer", Optional.empty());
    private static final LocalCampaigns.Caller STORE_MANAGER = new LocalCampaigns.Caller("store-bastille",
            Optional.of(new StoreScope(Set.of("demo-bastille"), Set.of())));

    @Autowired
    private LocalCampaigns campaigns;

    @Autowired
    private LocalTemplates templates;

    @Autowired
    private PlatformTransactionManager transactions;

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String WELCOME = "STORE-WELCOME-10";
    private static final String COFFEE = "GOLD-MORNING-COFFEE";
    private static final String FLOWERS = "WEEKEND-FLOWERS";

    private ApiClient storeManager() {
        return ApiClient.on(port).as("store-bastille", PASSWORD);
    }

    private ApiClient agency() {
        return ApiClient.on(port).as("agency-demo-marche", PASSWORD);
    }

    @Test
    void approvedCampaignIsOfferedAtItsStoreOnly() {
        markWelcomeTemplate();
        LocalDate today = LocalDate.now(PARIS);
        assertThat(storeManager().get("/api/v1/local-templates").text()).contains(WELCOME);

        ApiClient.Response created = storeManager().post("/api/v1/local-campaigns", """
                {"templateOfferId": "%s", "storeIds": ["demo-bastille"], "startDate": "%s", "endDate": "%s",
                 "maxPerDay": 20, "maxTotal": 40}""".formatted(WELCOME, today, today.plusDays(2)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().get("status").asString()).isEqualTo("PENDING");
        long campaignId = created.json().get("localCampaignId").asLong();
        String localOfferId = created.json().get("stores").get(0).get("offerId").asString();
        assertThat(localOfferId).isEqualTo(WELCOME + "@demo-bastille-" + campaignId);

        String duringCampaign = today.plusDays(1).atTime(11, 0).atZone(PARIS).toInstant().toString();
        assertThat(offerIds(decide("demo-bastille", duringCampaign))).contains(WELCOME)
                .doesNotContain(localOfferId);
        assertThat(marketer().get("/api/v1/local-campaigns?status=PENDING").text())
                .contains("\"localCampaignId\":" + campaignId);

        ApiClient.Response approved = marketer().post("/api/v1/local-campaigns/" + campaignId + "/approve", "");
        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
        assertThat(approved.json().get("status").asString()).isEqualTo("APPROVED");
        JsonNode stored = marketer().get("/api/v1/offers/" + localOfferId).json();
        assertThat(stored.get("templateOfferId").asString()).isEqualTo(WELCOME);
        assertThat(stored.get("localCampaignId").asLong()).isEqualTo(campaignId);
        assertThat(stored.get("treatments").get("PUSH").get("fr").get("title").asString())
                .isEqualTo("-10 % aujourd'hui");
        assertThat(storeManager().get("/api/v1/stores/demo-bastille").status()).isEqualTo(200);
        ApiClient.Response switchedOff = marketer().post("/api/v1/offers/" + localOfferId + "/switch-off", "");
        assertThat(switchedOff.status()).as(switchedOff.text()).isEqualTo(409);
        assertThat(switchedOff.json().get("detail").asString()).contains("/api/v1/local-campaigns/" + campaignId);

        JsonNode decision = decide("demo-bastille", duringCampaign);
        assertThat(offerIds(decision)).contains(localOfferId).doesNotContain(WELCOME);
        JsonNode local = offer(decision, localOfferId);
        assertThat(local.get("couponCode").asString()).matches("[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{4}");
        assertThat(local.get("storeId").asString()).isEqualTo("demo-bastille");
        // The template's push treatment words the local offer.
        assertThat(local.get("title").asString()).isEqualTo("-10\u00A0% aujourd'hui");
        assertThat(local.get("channelMessage").asString()).startsWith("Demo Marché Bastille\u00A0: -10\u00A0%");
        assertThat(local.get("reasons").toString()).contains("Local campaign " + campaignId + " of template "
                + WELCOME);

        String decisionId = decision.get("decisionId").asString();
        JsonNode report = candidate(app().get("/api/v1/decisions/" + decisionId).json(), localOfferId);
        assertThat(report.get("status").asString()).isEqualTo("CHOSEN");
        assertThat(report.get("localCampaignId").asLong()).isEqualTo(campaignId);
        assertThat(report.get("templateOfferId").asString()).isEqualTo(WELCOME);
        assertThat(whyNot(decisionId, localOfferId, "en")).isEqualTo("Offer " + localOfferId + " was chosen in "
                + "this decision, from local campaign " + campaignId + " of template " + WELCOME
                + " at store demo-bastille.");
        assertThat(whyNot(decisionId, localOfferId, "fr")).isEqualTo("L'offre " + localOfferId + " a été retenue "
                + "dans cette décision, par la campagne locale " + campaignId + " du modèle " + WELCOME
                + " au magasin demo-bastille.");
        assertThat(whyNot(decisionId, WELCOME, "en")).startsWith("Offer " + WELCOME + " runs as local campaign "
                + campaignId + " at store demo-bastille, so the decision considered offer " + localOfferId);

        assertThat(offerIds(decide("demo-maubert", duringCampaign))).contains(WELCOME)
                .doesNotContain(localOfferId);
        String afterCampaign = today.plusDays(3).atTime(11, 0).atZone(PARIS).toInstant().toString();
        assertThat(offerIds(decide("demo-bastille", afterCampaign))).contains(WELCOME)
                .doesNotContain(localOfferId);

        ApiClient.Response redeemed = app().post("/api/v1/coupons/" + local.get("couponCode").asString()
                + "/redeem", """
                {"storeId": "demo-bastille", "customerId": "demo-alice"}""");
        assertThat(redeemed.status()).as(redeemed.text()).isEqualTo(200);
        JsonNode results = storeManager().get("/api/v1/local-campaigns/" + campaignId).json().get("stores").get(0);
        assertThat(results.get("contacts").asLong()).isEqualTo(1);
        assertThat(results.get("redemptions").asLong()).isEqualTo(1);
    }

    @Test
    void localOnlyTemplateNeedsRunningCampaign() {
        ApiClient.Response marked = marketer().put("/api/v1/offers/" + COFFEE + "/local-template", """
                {"approvalRequired": false, "maxRunDays": 5, "maxCouponsPerStore": 100, "localOnly": true}""");
        assertThat(marked.status()).as(marked.text()).isEqualTo(200);
        LocalDate today = LocalDate.now(PARIS);
        String morning = today.atTime(9, 15).atZone(PARIS).toInstant().toString();

        JsonNode before = decide("demo-maubert", morning);
        assertThat(offerIds(before)).doesNotContain(COFFEE);
        String beforeId = before.get("decisionId").asString();
        JsonNode rejected = candidate(app().get("/api/v1/decisions/" + beforeId).json(), COFFEE);
        assertThat(rejected.get("reason").asString()).isEqualTo("it is offered only through local campaigns, and "
                + "none runs at store demo-maubert at that moment");
        assertThat(whyNot(beforeId, COFFEE, "fr")).isEqualTo("L'offre " + COFFEE + " n'a pas été retenue parce "
                + "qu'elle n'est proposée que par des campagnes locales, et aucune n'a lieu au magasin demo-maubert "
                + "à ce moment.");

        ApiClient.Response created = agency().post("/api/v1/local-campaigns", """
                {"templateOfferId": "%s", "storeIds": ["demo-maubert"], "startDate": "%s", "endDate": "%s"}"""
                .formatted(COFFEE, today, today.plusDays(1)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().get("status").asString()).isEqualTo("APPROVED");
        long campaignId = created.json().get("localCampaignId").asLong();
        String localOfferId = created.json().get("stores").get(0).get("offerId").asString();
        assertThat(offerIds(decide("demo-maubert", morning))).contains(localOfferId);

        ApiClient.Response withdrawn = agency().post("/api/v1/local-campaigns/" + campaignId + "/withdraw", "");
        assertThat(withdrawn.status()).as(withdrawn.text()).isEqualTo(200);
        assertThat(withdrawn.json().get("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(offerIds(decide("demo-maubert", morning))).doesNotContain(localOfferId, COFFEE);
        assertThat(agency().get("/api/v1/local-campaigns?status=withdrawn").text())
                .contains("\"localCampaignId\":" + campaignId);

        ApiClient.Response again = agency().post("/api/v1/local-campaigns/" + campaignId + "/withdraw", "");
        assertThat(again.status()).as(again.text()).isEqualTo(409);
        assertThat(again.json().get("detail").asString()).isEqualTo("local campaign " + campaignId + " is "
                + "WITHDRAWN, so it cannot be withdrawn; only a PENDING or APPROVED campaign can");
    }

    @Test
    void switchedOffTemplateStopsLocalOffers() {
        ApiClient.Response marked = marketer().put("/api/v1/offers/" + FLOWERS + "/local-template", """
                {"approvalRequired": false, "maxRunDays": 2, "maxCouponsPerStore": 100, "localOnly": false}""");
        assertThat(marked.status()).as(marked.text()).isEqualTo(200);
        LocalDate saturday = LocalDate.now(PARIS).plusDays(80).with(TemporalAdjusters.next(DayOfWeek.SATURDAY));
        ApiClient.Response created = agency().post("/api/v1/local-campaigns", campaign(FLOWERS, "demo-republique",
                saturday, saturday.plusDays(1)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String localOfferId = created.json().get("stores").get(0).get("offerId").asString();
        String saturdayMorning = saturday.atTime(11, 0).atZone(PARIS).toInstant().toString();
        assertThat(offerIds(decide("demo-republique", saturdayMorning))).contains(localOfferId);

        ApiClient.Response switchedOff = marketer().post("/api/v1/offers/" + FLOWERS + "/switch-off", "");
        assertThat(switchedOff.status()).as(switchedOff.text()).isEqualTo(200);
        try {
            JsonNode decision = decide("demo-republique", saturdayMorning);
            assertThat(offerIds(decision)).doesNotContain(localOfferId, FLOWERS);
            assertThat(whyNot(decision.get("decisionId").asString(), localOfferId, "fr")).isEqualTo("L'offre "
                    + localOfferId + " est l'offre de la campagne locale "
                    + created.json().get("localCampaignId").asLong() + " du modèle " + FLOWERS
                    + " au magasin demo-republique. L'offre " + FLOWERS + " n'a pas été retenue parce qu'elle est "
                    + "désactivée.");
        } finally {
            marketer().post("/api/v1/offers/" + FLOWERS + "/switch-on", "");
        }
        assertThat(offerIds(decide("demo-republique", saturdayMorning))).contains(localOfferId);

        // Head office ends the template before the campaign's Saturday: its local offer stops there too.
        ApiClient.Response template = marketer().get("/api/v1/offers/" + FLOWERS);
        ObjectNode body = (ObjectNode) template.json();
        String validTo = body.get("validTo").asString();
        body.remove(List.of("offerId", "version", "templateOfferId", "localCampaignId"));
        body.put("validTo", saturday.atStartOfDay(PARIS).toInstant().toString());
        ApiClient.Response shortened = marketer().put("/api/v1/offers/" + FLOWERS, body.toString(), "*");
        assertThat(shortened.status()).as(shortened.text()).isEqualTo(200);
        try {
            assertThat(offerIds(decide("demo-republique", saturdayMorning))).doesNotContain(localOfferId, FLOWERS);
        } finally {
            body.put("validTo", validTo);
            marketer().put("/api/v1/offers/" + FLOWERS, body.toString(), "*");
        }
    }

    @Test
    void whyNotNamesLocalOfferElsewhere() {
        ApiClient.Response marked = marketer().put("/api/v1/offers/" + FLOWERS + "/local-template", """
                {"approvalRequired": false, "maxRunDays": 2, "maxCouponsPerStore": 100, "localOnly": false}""");
        assertThat(marked.status()).as(marked.text()).isEqualTo(200);
        LocalDate saturday = LocalDate.now(PARIS).plusDays(100).with(TemporalAdjusters.next(DayOfWeek.SATURDAY));
        ApiClient.Response created = agency().post("/api/v1/local-campaigns", campaign(FLOWERS, "demo-bastille",
                saturday, saturday));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long campaignId = created.json().get("localCampaignId").asLong();
        String localOfferId = created.json().get("stores").get(0).get("offerId").asString();
        String saturdayMorning = saturday.atTime(11, 0).atZone(PARIS).toInstant().toString();

        String atMaubert = decide("demo-maubert", saturdayMorning).get("decisionId").asString();
        assertThat(whyNot(atMaubert, localOfferId, "fr")).isEqualTo("L'offre " + localOfferId + " est l'offre de "
                + "la campagne locale " + campaignId + " du modèle " + FLOWERS + " au magasin demo-bastille. La "
                + "décision ne la considère que pour un contact dans ce magasin, et ce contact a eu lieu au magasin "
                + "demo-maubert.");

        ApiClient.Response away = app().post("/api/v1/decisions", """
                {"customerId": "demo-alice", "channel": "PUSH", "at": "%s"}""".formatted(saturdayMorning));
        assertThat(away.status()).as(away.text()).isEqualTo(200);
        assertThat(whyNot(away.json().get("decisionId").asString(), localOfferId, "en")).isEqualTo("Offer "
                + localOfferId + " is the offer of local campaign " + campaignId + " of template " + FLOWERS
                + " at store demo-bastille. The decision considers it only for a contact at that store, and this "
                + "contact was away from stores.");
    }

    @Test
    void scopeViolationsAreForbidden() {
        markWelcomeTemplate();
        LocalDate start = LocalDate.now(PARIS).plusDays(40);

        ApiClient.Response otherStore = storeManager().post("/api/v1/local-campaigns", campaign(WELCOME,
                "demo-maubert", start, start));
        assertThat(otherStore.status()).as(otherStore.text()).isEqualTo(403);
        assertThat(otherStore.json().get("type").asString()).isEqualTo("urn:solomo:problem:store-outside-scope");
        assertThat(otherStore.json().get("field").asString()).isEqualTo("storeIds[0]");
        assertThat(otherStore.json().get("storeId").asString()).isEqualTo("demo-maubert");
        assertThat(otherStore.json().get("detail").asString()).contains("store-bastille", "demo-maubert");
        FrenchProblems.assertFrenchDetail("store outside scope", otherStore.json());
        assertThat(otherStore.json().get("detailFr").asString()).contains("store-bastille", "demo-maubert");

        ApiClient.Response otherChain = agency().post("/api/v1/local-campaigns", campaign(WELCOME,
                "fleurs-du-canal", start, start));
        assertThat(otherChain.status()).as(otherChain.text()).isEqualTo(403);
        assertThat(otherChain.json().get("storeId").asString()).isEqualTo("fleurs-du-canal");

        assertThat(storeManager().put("/api/v1/offers/" + WELCOME + "/local-template", """
                {"maxRunDays": 30, "maxCouponsPerStore": 5000}""").status()).isEqualTo(403);
        assertThat(marketer().post("/api/v1/local-campaigns", campaign(WELCOME, "demo-bastille", start, start))
                .status()).isEqualTo(403);

        ApiClient.Response created = storeManager().post("/api/v1/local-campaigns", campaign(WELCOME,
                "demo-bastille", start, start));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long campaignId = created.json().get("localCampaignId").asLong();
        assertThat(storeManager().post("/api/v1/local-campaigns/" + campaignId + "/approve", "").status())
                .isEqualTo(403);
        ApiClient.Response notOwn = agency().post("/api/v1/local-campaigns/" + campaignId + "/withdraw", "");
        assertThat(notOwn.status()).as(notOwn.text()).isEqualTo(403);
        assertThat(notOwn.json().get("type").asString()).isEqualTo("urn:solomo:problem:local-campaign-not-own");
        FrenchProblems.assertFrenchDetail("withdraw another user's campaign", notOwn.json());

        ApiClient.Response overlap = storeManager().post("/api/v1/local-campaigns", campaign(WELCOME,
                "demo-bastille", start, start.plusDays(1)));
        assertThat(overlap.status()).as(overlap.text()).isEqualTo(409);
        assertThat(overlap.json().get("localCampaignId").asLong()).isEqualTo(campaignId);
        FrenchProblems.assertFrenchDetail("overlapping campaign", overlap.json());
        assertThat(overlap.json().get("detailFr").asString()).contains(" du " + FrenchDetails.date(start) + " au "
                + FrenchDetails.date(start) + " (PENDING)");

        ApiClient.Response rejected = marketer().post("/api/v1/local-campaigns/" + campaignId + "/reject", """
                {"reason": "Dates clash with the national sale"}""");
        assertThat(rejected.status()).as(rejected.text()).isEqualTo(200);
        assertThat(rejected.json().get("rejectionReason").asString()).isEqualTo("Dates clash with the national sale");
        ApiClient.Response withdrawRejected = storeManager().post("/api/v1/local-campaigns/" + campaignId
                + "/withdraw", "");
        assertThat(withdrawRejected.status()).isEqualTo(409);
        assertThat(withdrawRejected.json().get("detailFr").asString()).isEqualTo("La campagne locale " + campaignId
                + " est à l’état REJECTED\u00A0: elle ne peut pas être retirée\u202F; seule une campagne à l’état "
                + "PENDING ou APPROVED peut l’être.");
    }

    @Test
    void withdrawOutsideScopeHidesCreator() {
        markWelcomeTemplate();
        LocalDate start = LocalDate.now(PARIS).plusDays(50);
        ApiClient.Response created = agency().post("/api/v1/local-campaigns", campaign(WELCOME, "demo-maubert",
                start, start));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long campaignId = created.json().get("localCampaignId").asLong();

        ApiClient.Response withdrawn = storeManager().post("/api/v1/local-campaigns/" + campaignId + "/withdraw", "");

        assertThat(withdrawn.status()).as(withdrawn.text()).isEqualTo(403);
        assertThat(withdrawn.json().get("type").asString()).isEqualTo("urn:solomo:problem:store-outside-scope");
        assertThat(withdrawn.text()).doesNotContain("agency-demo-marche");
        assertThat(agency().get("/api/v1/local-campaigns/" + campaignId).json().get("status").asString())
                .isEqualTo("PENDING");
    }

    @Test
    void invalidCampaignsNameFieldAndValue() {
        markWelcomeTemplate();
        LocalDate start = LocalDate.now(PARIS).plusDays(60);
        String store = "demo-bastille";

        assertInvalid(campaign("NO-SUCH-OFFER", store, start, start), "templateOfferId", "NO-SUCH-OFFER");
        assertInvalid(campaign("APP-LOYALTY-5EUR", store, start, start), "templateOfferId", "APP-LOYALTY-5EUR");
        assertInvalid(campaign(WELCOME, "no-such-store", start, start), "storeIds[0]", "no-such-store");
        assertInvalid("""
                {"templateOfferId": "%s", "storeIds": [], "startDate": "%s", "endDate": "%s"}"""
                .formatted(WELCOME, start, start), "storeIds", null);
        LocalDate yesterday = LocalDate.now(PARIS).minusDays(1);
        assertInvalid(campaign(WELCOME, store, yesterday, yesterday), "startDate", yesterday.toString());
        assertInvalid(campaign(WELCOME, store, start, start.minusDays(1)), "endDate",
                start.minusDays(1).toString());
        assertInvalid(campaign(WELCOME, store, start, start.plusDays(7)), "endDate", start.plusDays(7).toString());
        // The template is valid until 1 January 2028 at midnight UTC.
        JsonNode afterTemplate = assertInvalid(campaign(WELCOME, store, LocalDate.parse("2027-12-30"),
                LocalDate.parse("2028-01-02")), "endDate", "2028-01-02");
        assertThat(afterTemplate.get("detailFr").asString()).isEqualTo("La date de fin (endDate), le 2 janvier "
                + "2028, dépasse la validité du modèle STORE-WELCOME-10 au magasin demo-bastille\u00A0: il est "
                + "valable du 1er janvier 2026 à 1\u00A0h\u00A000 (Europe/Paris) au 1er janvier 2028 à "
                + "1\u00A0h\u00A000 (Europe/Paris).");
        JsonNode reversed = assertInvalid(campaign(WELCOME, store, LocalDate.parse("2027-03-04"),
                LocalDate.parse("2027-03-03")), "endDate", "2027-03-03");
        assertThat(reversed.get("detail").asString()).isEqualTo("endDate 2027-03-03 is before startDate 2027-03-04");
        assertThat(reversed.get("detailFr").asString()).isEqualTo("La date de fin (endDate), le 3 mars 2027, "
                + "précède la date de début (startDate), le 4 mars 2027.");
        assertInvalid("""
                {"templateOfferId": "%s", "storeIds": ["%s"], "startDate": "4 Dec", "endDate": "%s"}"""
                .formatted(WELCOME, store, start), "startDate", "4 Dec");
        assertInvalid("""
                {"templateOfferId": "%s", "storeIds": ["%s"], "startDate": "%s", "endDate": "%s", "maxTotal": 51}"""
                .formatted(WELCOME, store, start, start), "maxTotal", "51");
        assertInvalid("""
                {"templateOfferId": "%s", "storeIds": ["%s"], "startDate": "%s", "endDate": "%s", "maxPerDay": 0}"""
                .formatted(WELCOME, store, start, start), "maxPerDay", "0");
        assertInvalid("""
                {"templateOfferId": "%s", "storeIds": ["%s"], "startDate": "%s", "endDate": "%s", "message": "x"}"""
                .formatted(WELCOME, store, start, start), "message", "x");

        ApiClient.Response badTemplate = marketer().put("/api/v1/offers/" + WELCOME + "/local-template", """
                {"maxRunDays": 0, "maxCouponsPerStore": 50}""");
        assertThat(badTemplate.status()).as(badTemplate.text()).isEqualTo(400);
        assertThat(badTemplate.json().get("field").asString()).isEqualTo("maxRunDays");
        assertThat(marketer().put("/api/v1/offers/NO-SUCH-OFFER/local-template", """
                {"maxRunDays": 3, "maxCouponsPerStore": 50}""").status()).isEqualTo(404);
    }

    @Test
    void templateChainLimitsCampaignStores() {
        ApiClient.Response marked = marketer().put("/api/v1/offers/" + COFFEE + "/local-template", """
                {"approvalRequired": false, "maxRunDays": 5, "maxCouponsPerStore": 100, "localOnly": true}""");
        assertThat(marked.status()).as(marked.text()).isEqualTo(200);
        String start = LocalDate.now(PARIS).plusDays(100).toString();
        // The florist has no chain, and the coffee template is offered only in chain "Demo Marché".
        LocalCampaigns.Caller florist = new LocalCampaigns.Caller("florist",
                Optional.of(new StoreScope(Set.of("fleurs-du-canal"), Set.of())));

        assertThatThrownBy(() -> campaigns.create(new LocalCampaigns.CreateBody(COFFEE, List.of("fleurs-du-canal"),
                start, start, null, null), florist))
                .isInstanceOfSatisfying(InvalidFieldException.class, invalid -> {
                    assertThat(invalid.field()).isEqualTo("storeIds[0]");
                    assertThat(invalid.value()).isEqualTo("fleurs-du-canal");
                })
                .hasMessageContaining("Demo Marché");
        assertThat(campaigns.list(null, florist)).isEmpty();
    }

    @Test
    void withdrawalWaitsForConcurrentApproval() throws Exception {
        markWelcomeTemplate();
        LocalDate start = LocalDate.now(PARIS).plusDays(80);
        ApiClient.Response created = storeManager().post("/api/v1/local-campaigns", campaign(WELCOME,
                "demo-bastille", start, start));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long campaignId = created.json().get("localCampaignId").asLong();
        String localOfferId = created.json().get("stores").get(0).get("offerId").asString();

        runWhileTransactionIsOpen(() -> campaigns.approve(campaignId, HEAD_OFFICE),
                () -> campaigns.withdraw(campaignId, STORE_MANAGER));

        LocalCampaigns.CampaignView stored = campaigns.get(campaignId, HEAD_OFFICE);
        assertThat(stored.status()).isEqualTo("WITHDRAWN");
        assertThat(stored.decidedBy()).isEqualTo("marketer");
        assertThat(stored.withdrawnBy()).isEqualTo("store-bastille");
        assertThat(marketer().get("/api/v1/offers/" + localOfferId).json().get("active").asBoolean()).isFalse();
    }

    @Test
    void concurrentOverlappingCampaignIsRejected() throws Exception {
        markWelcomeTemplate();
        String start = LocalDate.now(PARIS).plusDays(90).toString();
        String end = LocalDate.now(PARIS).plusDays(91).toString();
        LocalCampaigns.CreateBody body = new LocalCampaigns.CreateBody(WELCOME, List.of("demo-bastille"), start,
                end, null, null);

        CompletableFuture<LocalCampaigns.CampaignView> second = runWhileTransactionIsOpen(
                () -> campaigns.create(body, STORE_MANAGER), () -> campaigns.create(body, STORE_MANAGER));

        assertThat(second).failsWithin(0, TimeUnit.SECONDS).withThrowableThat()
                .havingRootCause()
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        conflict -> assertThat(conflict.getStatusCode().value()).isEqualTo(409));
        assertThat(campaigns.list(null, STORE_MANAGER).stream()
                .filter(campaign -> campaign.startDate().toString().equals(start))).hasSize(1);
    }

    @Test
    void withdrawnTemplateRejectsPendingCampaigns() {
        markWelcomeTemplate();
        LocalDate start = LocalDate.now(PARIS).plusDays(120);
        ApiClient.Response approved = storeManager().post("/api/v1/local-campaigns", campaign(WELCOME,
                "demo-bastille", start, start.plusDays(1)));
        assertThat(approved.status()).as(approved.text()).isEqualTo(201);
        long approvedId = approved.json().get("localCampaignId").asLong();
        String approvedOfferId = approved.json().get("stores").get(0).get("offerId").asString();
        assertThat(marketer().post("/api/v1/local-campaigns/" + approvedId + "/approve", "").status())
                .isEqualTo(200);
        ApiClient.Response pending = agency().post("/api/v1/local-campaigns", campaign(WELCOME, "demo-maubert",
                start.plusDays(10), start.plusDays(11)));
        assertThat(pending.status()).as(pending.text()).isEqualTo(201);
        long pendingId = pending.json().get("localCampaignId").asLong();

        assertThat(storeManager().delete("/api/v1/offers/" + WELCOME + "/local-template").status())
                .isEqualTo(403);
        ApiClient.Response withdrawn = marketer().delete("/api/v1/offers/" + WELCOME + "/local-template");
        assertThat(withdrawn.status()).as(withdrawn.text()).isEqualTo(200);
        assertThat(withdrawn.json().get("withdrawnBy").asString()).isEqualTo("marketer");
        assertThat(withdrawn.json().get("rejectedCampaignIds").toString()).contains(Long.toString(pendingId));
        assertThat(withdrawn.json().get("runningCampaignIds").toString()).contains(Long.toString(approvedId))
                .doesNotContain(Long.toString(pendingId));

        JsonNode rejected = agency().get("/api/v1/local-campaigns/" + pendingId).json();
        assertThat(rejected.get("status").asString()).isEqualTo("REJECTED");
        assertThat(rejected.get("decidedBy").asString()).isEqualTo("marketer");
        assertThat(rejected.get("rejectionReason").asString()).isEqualTo("Le siège a retiré le modèle " + WELCOME
                + "\u00A0: aucune nouvelle campagne locale ne peut le reprendre. / Head office withdrew template "
                + WELCOME + ", so no new local campaign can run it.");
        assertThat(storeManager().get("/api/v1/local-campaigns/" + approvedId).json().get("status").asString())
                .isEqualTo("APPROVED");

        // The approved campaign runs on to its end date: the decision at its store still makes its offer.
        String duringApproved = start.atTime(11, 0).atZone(PARIS).toInstant().toString();
        assertThat(offerIds(decide("demo-bastille", duringApproved))).contains(approvedOfferId)
                .doesNotContain(WELCOME);

        ApiClient.Response afterWithdrawal = storeManager().post("/api/v1/local-campaigns", campaign(WELCOME,
                "demo-bastille", start.plusDays(20), start.plusDays(20)));
        assertThat(afterWithdrawal.status()).as(afterWithdrawal.text()).isEqualTo(400);
        assertThat(afterWithdrawal.json().get("field").asString()).isEqualTo("templateOfferId");
        assertThat(afterWithdrawal.json().get("value").asString()).isEqualTo(WELCOME);
        assertThat(afterWithdrawal.json().get("detail").asString()).startsWith("template " + WELCOME + " was withdrawn by "
                + "head office at ");
        assertThat(afterWithdrawal.json().get("detailFr").asString()).startsWith("Le siège a retiré le modèle " + WELCOME
                + " le ").contains(" (UTC)\u00A0: aucune nouvelle campagne locale");
        FrenchProblems.assertFrenchDetail("campaign of a withdrawn template", afterWithdrawal.json());
        assertThat(storeManager().get("/api/v1/local-templates").text()).doesNotContain(WELCOME);
        assertThat(marketer().get("/api/v1/offers/" + WELCOME + "/local-template").status()).isEqualTo(404);
        assertThat(marketer().delete("/api/v1/offers/" + WELCOME + "/local-template").status()).isEqualTo(404);
        assertThat(marketer().delete("/api/v1/offers/APP-LOYALTY-5EUR/local-template").status()).isEqualTo(404);

        markWelcomeTemplate();
        assertThat(marketer().get("/api/v1/offers/" + WELCOME + "/local-template").status()).isEqualTo(200);
        ApiClient.Response again = storeManager().post("/api/v1/local-campaigns", campaign(WELCOME,
                "demo-bastille", start.plusDays(20), start.plusDays(20)));
        assertThat(again.status()).as(again.text()).isEqualTo(201);
    }

    @Test
    void withdrawalRejectsConcurrentCreation() throws Exception {
        markWelcomeTemplate();
        String day = LocalDate.now(PARIS).plusDays(150).toString();
        LocalCampaigns.CreateBody body = new LocalCampaigns.CreateBody(WELCOME, List.of("demo-bastille"), day, day,
                null, null);
        List<Long> created = new ArrayList<>();

        CompletableFuture<LocalTemplates.WithdrawnView> withdrawal = runWhileTransactionIsOpen(
                () -> created.add(campaigns.create(body, STORE_MANAGER).localCampaignId()),
                () -> templates.withdraw(WELCOME, "marketer"));

        assertThat(withdrawal).succeedsWithin(0, TimeUnit.SECONDS)
                .satisfies(view -> assertThat(view.rejectedCampaignIds()).contains(created.get(0)));
        assertThat(campaigns.get(created.get(0), HEAD_OFFICE).status()).isEqualTo("REJECTED");
        markWelcomeTemplate();
    }

    @Test
    void creationWaitingForWithdrawalIsRejected() throws Exception {
        markWelcomeTemplate();
        String day = LocalDate.now(PARIS).plusDays(160).toString();
        LocalCampaigns.CreateBody body = new LocalCampaigns.CreateBody(WELCOME, List.of("demo-bastille"), day, day,
                null, null);

        CompletableFuture<LocalCampaigns.CampaignView> creation = runWhileTransactionIsOpen(
                () -> templates.withdraw(WELCOME, "marketer"), () -> campaigns.create(body, STORE_MANAGER));

        assertThat(creation).failsWithin(0, TimeUnit.SECONDS).withThrowableThat()
                .havingRootCause()
                .isInstanceOfSatisfying(InvalidFieldException.class,
                        invalid -> assertThat(invalid.getMessage()).contains("withdrawn by head office"));
        assertThat(campaigns.list(null, HEAD_OFFICE).stream()
                .filter(campaign -> campaign.startDate().toString().equals(day))).isEmpty();
        markWelcomeTemplate();
    }

    @Test
    void appliedMaxTotalShowsTemplateCap() {
        markWelcomeTemplate();
        LocalDate start = LocalDate.now(PARIS).plusDays(170);
        ApiClient.Response uncapped = storeManager().post("/api/v1/local-campaigns", campaign(WELCOME,
                "demo-bastille", start, start));
        assertThat(uncapped.status()).as(uncapped.text()).isEqualTo(201);
        long uncappedId = uncapped.json().get("localCampaignId").asLong();
        assertThat(uncapped.json().get("maxTotal").isNull()).isTrue();
        assertThat(uncapped.json().get("appliedMaxTotal").asInt()).isEqualTo(50);

        ApiClient.Response capped = storeManager().post("/api/v1/local-campaigns", """
                {"templateOfferId": "%s", "storeIds": ["demo-bastille"], "startDate": "%s", "endDate": "%s",
                 "maxTotal": 40}""".formatted(WELCOME, start.plusDays(1), start.plusDays(1)));
        assertThat(capped.status()).as(capped.text()).isEqualTo(201);
        assertThat(capped.json().get("appliedMaxTotal").asInt()).isEqualTo(40);

        // A later cap of the template does not change a campaign created before, and the view shows the cap it keeps.
        ApiClient.Response recapped = marketer().put("/api/v1/offers/" + WELCOME + "/local-template", """
                {"approvalRequired": true, "maxRunDays": 7, "maxCouponsPerStore": 30, "localOnly": false}""");
        assertThat(recapped.status()).as(recapped.text()).isEqualTo(200);
        try {
            assertThat(storeManager().get("/api/v1/local-campaigns/" + uncappedId).json().get("appliedMaxTotal")
                    .asInt()).isEqualTo(50);
            JsonNode listed = null;
            for (JsonNode each : storeManager().get("/api/v1/local-campaigns").json()) {
                if (each.get("localCampaignId").asLong() == uncappedId) {
                    listed = each;
                }
            }
            assertThat(listed).as("campaign %d in the list", uncappedId).isNotNull();
            assertThat(listed.get("appliedMaxTotal").asInt()).isEqualTo(50);
            String localOfferId = uncapped.json().get("stores").get(0).get("offerId").asString();
            assertThat(marketer().get("/api/v1/offers/" + localOfferId).json().get("maxTotal").asInt())
                    .isEqualTo(50);
        } finally {
            markWelcomeTemplate();
        }
    }

    @Test
    void localOfferFollowsTemplateCouponValidity() {
        markWelcomeTemplate();
        LocalDate start = LocalDate.now(PARIS).plusDays(180);
        ApiClient.Response created = storeManager().post("/api/v1/local-campaigns", campaign(WELCOME,
                "demo-bastille", start, start));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long campaignId = created.json().get("localCampaignId").asLong();
        String localOfferId = created.json().get("stores").get(0).get("offerId").asString();
        assertThat(marketer().post("/api/v1/local-campaigns/" + campaignId + "/approve", "").status())
                .isEqualTo(200);
        assertThat(marketer().get("/api/v1/offers/" + localOfferId).json().get("couponValidity").asString())
                .isEqualTo("end-of-day");

        ObjectNode body = (ObjectNode) marketer().get("/api/v1/offers/" + WELCOME).json();
        body.remove(List.of("offerId", "version", "templateOfferId", "localCampaignId"));
        body.put("couponValidity", "PT2H");
        ApiClient.Response changed = marketer().put("/api/v1/offers/" + WELCOME, body.toString(), "*");
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        try {
            assertThat(marketer().get("/api/v1/offers/" + localOfferId).json().get("couponValidity").asString())
                    .isEqualTo("PT2H");
            Instant contact = start.atTime(11, 0).atZone(PARIS).toInstant();
            JsonNode local = offer(decide("demo-bastille", contact.toString()), localOfferId);
            assertThat(Instant.parse(local.get("couponExpiresAt").asString()))
                    .isEqualTo(contact.plus(Duration.ofHours(2)));
        } finally {
            body.put("couponValidity", "end-of-day");
            marketer().put("/api/v1/offers/" + WELCOME, body.toString(), "*");
        }
        assertThat(marketer().get("/api/v1/offers/" + localOfferId).json().get("couponValidity").asString())
                .isEqualTo("end-of-day");
    }

    @Test
    void approvalKeepsConcurrentCouponValidity() throws Exception {
        markWelcomeTemplate();
        LocalDate start = LocalDate.now(PARIS).plusDays(190);
        ApiClient.Response created = storeManager().post("/api/v1/local-campaigns", campaign(WELCOME,
                "demo-bastille", start, start));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long campaignId = created.json().get("localCampaignId").asLong();
        String localOfferId = created.json().get("stores").get(0).get("offerId").asString();
        ObjectNode body = (ObjectNode) marketer().get("/api/v1/offers/" + WELCOME).json();
        body.remove(List.of("offerId", "version", "templateOfferId", "localCampaignId"));
        body.put("couponValidity", "PT2H");

        try {
            // The approval switches the local offer on while head office changes the template's coupon validity.
            CompletableFuture<ApiClient.Response> change = runWhileTransactionIsOpen(
                    () -> campaigns.approve(campaignId, HEAD_OFFICE),
                    () -> marketer().put("/api/v1/offers/" + WELCOME, body.toString(), "*"));

            assertThat(change.get().status()).as(change.get().text()).isEqualTo(200);
            JsonNode local = marketer().get("/api/v1/offers/" + localOfferId).json();
            assertThat(local.get("active").asBoolean()).isTrue();
            assertThat(local.get("couponValidity").asString()).isEqualTo("PT2H");
        } finally {
            body.put("couponValidity", "end-of-day");
            marketer().put("/api/v1/offers/" + WELCOME, body.toString(), "*");
        }
    }

    /**
     * Runs {@code first} in a transaction and, while that transaction is still open, starts {@code second} in its
     * own. The first commits after {@link #OVERLAP_MILLIS} or once the second ends, whichever comes first.
     *
     * @return the outcome of {@code second}, once it ended
     */
    private <T> CompletableFuture<T> runWhileTransactionIsOpen(Runnable first, Supplier<T> second)
            throws Exception {
        CountDownLatch firstDone = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        CompletableFuture<Void> firstTransaction = CompletableFuture.runAsync(() ->
                new TransactionTemplate(transactions).executeWithoutResult(status -> {
                    first.run();
                    firstDone.countDown();
                    try {
                        commitFirst.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }));
        assertThat(firstDone.await(30, TimeUnit.SECONDS)).as("first transaction ran").isTrue();

        CompletableFuture<T> secondTransaction = CompletableFuture.supplyAsync(second);
        try {
            secondTransaction.get(OVERLAP_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException waitingOrFailed) {
            // The second request is still waiting when it needs a row the first one locked, and ends below.
        }
        commitFirst.countDown();
        firstTransaction.get(30, TimeUnit.SECONDS);
        try {
            secondTransaction.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            // The caller checks how the second request failed.
        }
        return secondTransaction;
    }

    private void markWelcomeTemplate() {
        ApiClient.Response marked = marketer().put("/api/v1/offers/" + WELCOME + "/local-template", """
                {"approvalRequired": true, "maxRunDays": 7, "maxCouponsPerStore": 50, "localOnly": false}""");
        assertThat(marked.status()).as(marked.text()).isEqualTo(200);
    }

    /** Creates a campaign that must fail on the field, and returns the 400 problem, checked to carry French. */
    private JsonNode assertInvalid(String body, String field, String value) {
        ApiClient.Response response = storeManager().post("/api/v1/local-campaigns", body);
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).as(response.text()).isEqualTo(field);
        if (value != null) {
            assertThat(response.json().get("value").asString()).as(response.text()).isEqualTo(value);
        }
        FrenchProblems.assertFrenchDetail(body, response.json());
        return response.json();
    }

    private static String campaign(String templateOfferId, String storeId, LocalDate start, LocalDate end) {
        return """
                {"templateOfferId": "%s", "storeIds": ["%s"], "startDate": "%s", "endDate": "%s"}"""
                .formatted(templateOfferId, storeId, start, end);
    }

    private JsonNode decide(String storeId, String at) {
        ApiClient.Response response = app().post("/api/v1/decisions", """
                {"customerId": "demo-alice", "channel": "PUSH", "storeId": "%s", "at": "%s", "maxOffers": 3}"""
                .formatted(storeId, at));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json();
    }

    private String whyNot(String decisionId, String offerId, String language) {
        return app().getAcceptingLanguage("/api/v1/decisions/" + decisionId + "/why-not/" + offerId, language)
                .json().get("explanation").asString();
    }

    private static List<String> offerIds(JsonNode decision) {
        List<String> ids = new ArrayList<>();
        decision.get("offers").forEach(offer -> ids.add(offer.get("offerId").asString()));
        return ids;
    }

    private static JsonNode offer(JsonNode decision, String offerId) {
        for (JsonNode offer : decision.get("offers")) {
            if (offerId.equals(offer.get("offerId").asString())) {
                return offer;
            }
        }
        throw new AssertionError(offerId + " is not among the offers of " + decision);
    }

    private static JsonNode candidate(JsonNode storedDecision, String offerId) {
        for (JsonNode candidate : storedDecision.get("candidates")) {
            if (offerId.equals(candidate.get("offerId").asString())) {
                return candidate;
            }
        }
        throw new AssertionError(offerId + " is not among the candidates of " + storedDecision);
    }
}
