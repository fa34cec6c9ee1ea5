package io.solomo.decision.ruleset;

import io.solomo.decision.offer.ActiveOfferRules;
import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import io.solomo.rules.OfferRuleCompiler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.solomo.decision.ruleset.RuleSetUploads.WELCOME;
import static io.solomo.decision.ruleset.RuleSetUploads.WORKBOOK;
import static io.solomo.decision.ruleset.RuleSetUploads.bundledWithCells;
import static io.solomo.decision.ruleset.RuleSetUploads.upload;
import static org.assertj.core.api.Assertions.assertThat;

class RuleSetApiIntegrationTests extends DemoServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String VERSIONS = "/api/v1/rulesets/offers/versions";
    private static final String LOOPING_RULE = """
            package solomo.offers;

            import io.solomo.model.offer.ContactContext;

            rule "Touch the contact again and again"
            when
                $context : ContactContext()
            then
                update( $context );
            end
            """;

    @Autowired
    ActiveOfferRules activeRules;

    @Autowired
    RuleSetVersions versions;

    @Autowired
    RuleSetVersionRepository storedVersions;

    @AfterEach
    void activateTheBundledRulesAgain() {
        versions.activate("offers", 1, "test");
    }

    private ApiClient analyst() {
        return ApiClient.on(port).as("analyst", PASSWORD);
    }

    @Test
    void fileOverUploadLimitIsContentTooLarge() {
        // spring.servlet.multipart.max-file-size is 10MB in application.properties.
        byte[] tooLarge = new byte[10 * 1024 * 1024 + 1];

        HttpResponse<String> response = upload(port, "analyst", VERSIONS, Map.of("offers.drl", tooLarge));

        JsonNode problem = JSON.readTree(response.body());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(problem.get("type").asString()).isEqualTo("urn:solomo:problem:content-too-large");
        assertThat(problem.get("detail").asString()).contains("10MB (spring.servlet.multipart.max-file-size)");
        assertThat(problem.get("detail").asString()).contains("60MB (spring.servlet.multipart.max-request-size)");
    }

    @Test
    void seedsTheBundledRulesAsVersionOneOfTheOffersRuleSet() {
        ApiClient.Response list = analyst().get("/api/v1/rulesets");
        ApiClient.Response offers = analyst().get("/api/v1/rulesets/offers");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get(0).get("rulesetId").asString()).isEqualTo("offers");
        JsonNode history = offers.json().get("versions");
        JsonNode first = history.get(history.size() - 1);
        assertThat(first.get("version").asInt()).isEqualTo(1);
        assertThat(first.get("status").asString()).isEqualTo("VALID");
        assertThat(first.get("uploadedBy").asString()).isEqualTo("system");
    }

    @Test
    void storesAValidUploadWithoutActivatingItThenActivatesAndRollsBack() {
        Map<String, byte[]> files = bundledWithCells(Map.of("B16", WELCOME + " (winter)"));

        HttpResponse<String> uploaded = upload(port, "analyst", VERSIONS, files);

        assertThat(uploaded.statusCode()).isEqualTo(201);
        JsonNode report = JSON.readTree(uploaded.body());
        int version = report.get("version").asInt();
        assertThat(report.get("rulesetId").asString()).isEqualTo("offers");
        assertThat(report.get("status").asString()).isEqualTo("VALID");
        assertThat(report.get("errors").size()).isZero();
        assertThat(report.get("warnings").isArray()).isTrue();
        assertThat(report.get("scenarios").get("passed").asInt()).isZero();
        assertThat(report.get("scenarios").get("failed").asInt()).isZero();
        assertThat(activeRules.current().version()).isEqualTo("offers-1");

        ApiClient.Response activated = analyst().post(VERSIONS + "/" + version + "/activate", "");

        assertThat(activated.status()).isEqualTo(200);
        assertThat(activated.json().get("activeVersion").asInt()).isEqualTo(version);
        assertThat(activeRules.current().version()).isEqualTo("offers-" + version);
        assertThat(activeRules.current().ruleNames()).contains(WELCOME + " (winter)");

        ApiClient.Response rolledBack = analyst().post("/api/v1/rulesets/offers/rollback", "");

        assertThat(rolledBack.status()).isEqualTo(200);
        assertThat(rolledBack.json().get("activeVersion").asInt()).isEqualTo(1);
        assertThat(activeRules.current().ruleNames()).contains(WELCOME).doesNotContain(WELCOME + " (winter)");
        JsonNode audit = analyst().get("/api/v1/rulesets/offers").json().get("history");
        assertThat(audit.get(0).get("action").asString()).isEqualTo("ROLLBACK");
        assertThat(audit.get(0).get("actor").asString()).isEqualTo("analyst");
        assertThat(audit.get(1).get("action").asString()).isEqualTo("ACTIVATE");
        assertThat(audit.get(2).get("action").asString()).isEqualTo("UPLOAD");

        ApiClient.Response rolledBackAgain = analyst().post("/api/v1/rulesets/offers/rollback", "");

        assertThat(rolledBackAgain.status()).isEqualTo(400);
        assertThat(rolledBackAgain.json().get("value").isNull()).isTrue();
        assertThat(rolledBackAgain.json().get("detail").asString())
                .contains("remembers only the version active before 1", "activate " + version);
    }

    @Test
    void warnsOfAnOfferMissingFromTheCatalogue() {
        Map<String, byte[]> files = bundledWithCells(Map.of("I16", "STORE-WELCOME-99"));

        HttpResponse<String> uploaded = upload(port, "analyst", VERSIONS, files);

        assertThat(uploaded.statusCode()).isEqualTo(201);
        JsonNode report = JSON.readTree(uploaded.body());
        assertThat(report.get("status").asString()).isEqualTo("VALID");
        assertThat(report.get("warnings").toString()).contains("proposes offer STORE-WELCOME-99, which is not in "
                + "the offer catalogue").doesNotContain("GOLD-MORNING-COFFEE");
        JsonNode warning = report.get("warnings").get(0);
        assertThat(warning.get("sheet").asString()).isEqualTo("Offers");
        assertThat(warning.get("cell").asString()).isEqualTo("I16");
    }

    @Test
    void reportsAnInvalidUploadByCellAndRefusesToActivateIt() {
        Map<String, byte[]> files = bundledWithCells(Map.of("C17", "GOLD, DIAMOND"));

        HttpResponse<String> uploaded = upload(port, "analyst", VERSIONS, files);

        assertThat(uploaded.statusCode()).isEqualTo(201);
        JsonNode report = JSON.readTree(uploaded.body());
        assertThat(report.get("status").asString()).isEqualTo("INVALID");
        JsonNode error = report.get("errors").get(0);
        assertThat(error.get("file").asString()).isEqualTo(WORKBOOK);
        assertThat(error.get("sheet").asString()).isEqualTo("Offers");
        assertThat(error.get("cell").asString()).isEqualTo("C17");
        assertThat(error.get("message").asString()).contains("'DIAMOND'");

        ApiClient.Response activation = analyst().post(VERSIONS + "/" + report.get("version").asInt() + "/activate",
                "");

        assertThat(activation.status()).isEqualTo(409);
        assertThat(activation.json().get("type").asString()).isEqualTo("urn:solomo:problem:state-conflict");
        assertThat(activation.json().get("detail").asString()).contains("INVALID");
        assertThat(activeRules.current().version()).isEqualTo("offers-1");
        JsonNode history = analyst().get("/api/v1/rulesets/offers").json().get("history");
        assertThat(history.get(0).get("detail").asString()).isEqualTo("INVALID, 1 error, 3 files");
    }

    @Test
    void findingsWordedInFrenchToo() {
        Map<String, byte[]> files = bundledWithCells(Map.of("C17", "GOLD, DIAMOND"));

        JsonNode report = JSON.readTree(upload(port, "analyst", VERSIONS, files).body());
        JsonNode stored = analyst().get(VERSIONS + "/" + report.get("version").asInt()).json().get("report");

        for (JsonNode answer : List.of(report, stored)) {
            JsonNode error = answer.get("errors").get(0);
            assertThat(error.get("cell").asString()).isEqualTo("C17");
            assertThat(error.get("message").asString()).isEqualTo("'DIAMOND' is not a loyaltyTier value; expected "
                    + "one of BRONZE, SILVER, GOLD, PLATINUM (in capitals)");
            assertThat(error.get("messageFr").asString()).isEqualTo("« DIAMOND » n'est pas une valeur de "
                    + "loyaltyTier ; valeurs attendues : BRONZE, SILVER, GOLD, PLATINUM (en majuscules)");
        }
    }

    @Test
    void oldReportReadsBackInEnglish() {
        int version = storedVersions.lastVersion("offers") + 1;
        String reportWithoutFrench = """
                {"rulesetId":"offers","version":%d,"status":"INVALID",
                 "errors":[{"file":"solomo/offers/offers.drl.xlsx","sheet":"Offers","cell":"H17",
                            "message":"'eleven' is not a whole number, but hour of ContactContext is one"}],
                 "warnings":[],
                 "scenarios":{"passed":0,"failed":1,"failures":[{"file":"solomo/offers/offers.scenarios.csv",
                              "cell":"A2","scenario":"Late","expectedOffers":[],"actualOffers":[],"firedRules":[],
                              "failure":"the rules failed: no store"}]}}
                """.formatted(version);
        storedVersions.save(new RuleSetVersion("offers", version, VersionStatus.INVALID, 0, "analyst",
                Instant.now(), reportWithoutFrench));

        ApiClient.Response detail = analyst().get(VERSIONS + "/" + version);

        assertThat(detail.status()).isEqualTo(200);
        JsonNode error = detail.json().get("report").get("errors").get(0);
        assertThat(error.get("messageFr").asString()).isEqualTo(error.get("message").asString());
        JsonNode failure = detail.json().get("report").get("scenarios").get("failures").get(0);
        assertThat(failure.get("failureFr").asString()).isEqualTo("the rules failed: no store");
    }

    @Test
    void refusesAVersionWhoseScenariosFailAndShowsTheFailingRow() {
        Map<String, byte[]> files = new LinkedHashMap<>(bundledWithCells(Map.of()));
        files.put("solomo/offers/offers.scenarios.csv", String.join("\n",
                "Scenario,Loyalty tier,Day,Hour,Expected offers",
                "Bronze away from stores,BRONZE,MONDAY,15,none").getBytes(StandardCharsets.UTF_8));

        JsonNode report = JSON.readTree(upload(port, "analyst", VERSIONS, files).body());

        assertThat(report.get("status").asString()).isEqualTo("INVALID");
        assertThat(report.get("scenarios").get("failed").asInt()).isEqualTo(1);
        JsonNode failure = report.get("scenarios").get("failures").get(0);
        assertThat(failure.get("scenario").asString()).isEqualTo("Bronze away from stores");
        assertThat(failure.get("cell").asString()).isEqualTo("A2");
        assertThat(failure.get("expectedOffers").size()).isZero();
        assertThat(failure.get("actualOffers").get(0).asString()).isEqualTo("APP-LOYALTY-5EUR");
        assertThat(failure.get("firedRules").toString()).contains("Offer 5 EUR off in the app");
    }

    @Test
    void loopingRuleIsInvalidAtUpload() {
        Map<String, byte[]> files = new LinkedHashMap<>(bundledWithCells(Map.of()));
        files.put("solomo/offers/loop.drl", LOOPING_RULE.getBytes(StandardCharsets.UTF_8));

        JsonNode report = JSON.readTree(upload(port, "analyst", VERSIONS, files).body());

        assertThat(report.get("status").asString()).isEqualTo("INVALID");
        JsonNode error = report.get("errors").get(0);
        assertThat(error.get("message").asString()).contains("fired 10000 times without finishing");
        assertThat(error.get("file").asString()).isEqualTo("solomo/offers/loop.drl");
        assertThat(error.get("cell").asString()).isEqualTo("line 5");
        assertThat(error.get("message").asString()).contains("'Touch the contact again and again'");
        ApiClient.Response activated = analyst().post(VERSIONS + "/" + report.get("version").asInt() + "/activate",
                "");
        assertThat(activated.status()).isEqualTo(409);
        assertThat(activeRules.current().version()).isEqualTo("offers-1");
    }

    @Test
    void consequenceFailingForKnownStoreIsInvalid() {
        Map<String, byte[]> files = new LinkedHashMap<>(bundledWithCells(Map.of()));
        files.put("solomo/offers/florist.drl", """
                package solomo.offers;

                import io.solomo.model.offer.ContactContext;
                import io.solomo.model.offer.OfferCandidate;

                rule "Florist offer"
                when
                    $context : ContactContext( storeId == "fleurs-du-canal" )
                then
                    insert( new OfferCandidate( "WEEKEND-FLOWERS", 0.0, null, drools.getRule().getName() ) );
                end
                """.getBytes(StandardCharsets.UTF_8));

        JsonNode report = JSON.readTree(upload(port, "analyst", VERSIONS, files).body());

        // Only the demo data names fleurs-du-canal, so the run reaches the rule through the server's stores.
        assertThat(report.get("status").asString()).isEqualTo("INVALID");
        JsonNode error = report.get("errors").get(0);
        assertThat(error.get("message").asString()).contains("'Florist offer'").contains("fleurs-du-canal")
                .contains("weight must be positive");
        assertThat(error.get("messageFr").asString()).contains("« Florist offer »").contains("fleurs-du-canal");
    }

    @Test
    void warnsOfStoreChainUnknownToServer() {
        Map<String, byte[]> files = bundledWithCells(Map.of("D17", "Demo Marche"));

        JsonNode report = JSON.readTree(upload(port, "analyst", VERSIONS, files).body());

        assertThat(report.get("status").asString()).isEqualTo("VALID");
        JsonNode warning = report.get("warnings").get(0);
        assertThat(warning.get("sheet").asString()).isEqualTo("Offers");
        assertThat(warning.get("cell").asString()).isEqualTo("D17");
        assertThat(warning.get("message").asString()).contains("no store of the server belongs to chain "
                + "'Demo Marche'").contains("did you mean 'Demo Marché'?");
    }

    @Test
    void tableOverRowLimitIsRejectedAtOnce() {
        StringBuilder csv = new StringBuilder("""
                RuleSet,solomo.offers
                Import,"io.solomo.model.offer.ContactContext, io.solomo.model.offer.OfferCandidate"
                RuleTable Many offers
                NAME,CONDITION,ACTION
                ,$context : ContactContext,
                ,storeId == "$param","insert(new OfferCandidate(""$param"", 1.0, null, drools.getRule().getName()));"
                Rule,Store id,Offer
                """);
        // One row over the default of solomo.rules.max-table-rows.
        for (int row = 0; row < 10_001; row++) {
            csv.append("Offer at store ").append(row).append(",store-").append(row).append(",STORE-WELCOME-10\n");
        }
        Map<String, byte[]> files = new LinkedHashMap<>(bundledWithCells(Map.of()));
        files.put("solomo/offers/many.drl.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        int versionsBefore = storedVersions.findAll().size();

        HttpResponse<String> response = upload(port, "analyst", VERSIONS, files);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo("urn:solomo:problem:content-too-large");
        assertThat(problem.get("value").asString()).isEqualTo("solomo/offers/many.drl.csv");
        assertThat(problem.get("detail").asString()).contains("solomo/offers/many.drl.csv has 10001 rule rows")
                .contains("solomo.rules.max-table-rows");
        assertThat(problem.get("detailFr").asString()).contains("10001 lignes de règles");
        assertThat(problem.get("rows").asInt()).isEqualTo(10_001);
        assertThat(storedVersions.findAll()).hasSize(versionsBefore);
    }

    @Test
    void loopingRuleReturnsRuleFailedProblem() {
        // A version activated before uploads ran the rules can still loop, so decisions return a rule-failed problem.
        Map<String, byte[]> files = new LinkedHashMap<>(OfferRuleCompiler.bundledFiles());
        files.put("solomo/offers/loop.drl", LOOPING_RULE.getBytes(StandardCharsets.UTF_8));
        activeRules.activate(new OfferRuleCompiler().compile("offers-loop", files));

        ApiClient.Response decision = app().post("/api/v1/decisions", """
                {"customerId": "demo-alice", "channel": "PUSH", "latitude": 48.85, "longitude": 2.35}""");

        assertThat(decision.status()).as(decision.text()).isEqualTo(500);
        assertThat(decision.contentType()).isEqualTo("application/problem+json");
        assertThat(decision.json().get("type").asString()).isEqualTo("urn:solomo:problem:rule-failed");
        assertThat(decision.json().get("detail").asString())
                .contains("rule 'Touch the contact again and again' probably re-activates itself");
    }

    @Test
    void givesBackTheUploadedFilesUnchangedAndTheDiffOfTheGeneratedDrl() {
        Map<String, byte[]> files = bundledWithCells(Map.of("I19", "APP-LOYALTY-10EUR"));
        int version = JSON.readTree(upload(port, "analyst", VERSIONS, files).body()).get("version").asInt();

        ApiClient.Response detail = analyst().get(VERSIONS + "/" + version);
        ApiClient.Response download = analyst().get(VERSIONS + "/" + version + "/files/" + WORKBOOK);
        ApiClient.Response drl = analyst().get(VERSIONS + "/" + version + "/drl");
        ApiClient.Response diff = analyst().get(VERSIONS + "/" + version + "/diff?from=1");

        assertThat(detail.json().get("report").get("status").asString()).isEqualTo("VALID");
        assertThat(detail.json().get("files").toString()).contains(WORKBOOK, "solomo/offers/suitability.drl");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(files.get(WORKBOOK));
        assertThat(drl.json().get(WORKBOOK).asString()).contains("String offerId = \"APP-LOYALTY-10EUR\";");
        assertThat(diff.text()).contains("--- v1/" + WORKBOOK)
                .contains("-\t\tString offerId = \"APP-LOYALTY-5EUR\";")
                .contains("+\t\tString offerId = \"APP-LOYALTY-10EUR\";")
                .doesNotContain("GOLD-MORNING-COFFEE");
    }

    @Test
    void letsOnlyAnalystsChangeRules() {
        Map<String, byte[]> files = bundledWithCells(Map.of());
        ApiClient operator = ApiClient.on(port).as("operator", PASSWORD);

        assertThat(upload(port, "app", VERSIONS, files).statusCode()).isEqualTo(403);
        assertThat(upload(port, "marketer", VERSIONS, files).statusCode()).isEqualTo(403);
        assertThat(upload(port, "operator", VERSIONS, files).statusCode()).isEqualTo(403);
        assertThat(app().post(VERSIONS + "/1/activate", "").status()).isEqualTo(403);
        assertThat(operator.post(VERSIONS + "/1/activate", "").status()).isEqualTo(403);
        assertThat(operator.get("/api/v1/rulesets/offers").status()).isEqualTo(200);
        assertThat(upload(port, "analyst", VERSIONS, files).statusCode()).isEqualTo(201);
    }

    @Test
    void rollbackVersionWithFractionRejected() {
        ApiClient.Response response = analyst().post("/api/v1/rulesets/offers/rollback", """
                {"version": 1.5}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("version");
        assertThat(response.json().get("value").doubleValue()).isEqualTo(1.5);
        assertThat(response.json().get("detail").asString())
                .isEqualTo("field version has an invalid value: expected a whole number, got 1.5");
        assertThat(activeRules.current().version()).isEqualTo("offers-1");
    }

    @Test
    void rollbackWithoutEarlierVersionNamesTheBody() {
        ApiClient.Response response = analyst().post("/api/v1/rulesets/offers/rollback", "");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("version");
        assertThat(response.json().get("detail").asString()).contains("send {\"version\": N}");
    }

    @Test
    void historyWordsActivationAndRollback() {
        int version = JSON.readTree(upload(port, "analyst", VERSIONS, bundledWithCells(Map.of())).body())
                .get("version").asInt();

        analyst().post(VERSIONS + "/" + version + "/activate", "");
        analyst().post("/api/v1/rulesets/offers/rollback", "{\"version\": 1}");

        JsonNode history = analyst().get("/api/v1/rulesets/offers").json().get("history");
        assertThat(history.get(0).get("detail").asString()).isEqualTo("rolled back to version 1 with 9 rules");
        assertThat(history.get(1).get("detail").asString()).isEqualTo("activated version " + version
                + " with 9 rules");
    }

    @Test
    void diffFromUnknownVersionNamesFrom() {
        ApiClient.Response response = analyst().get(VERSIONS + "/1/diff?from=999");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("field").asString()).isEqualTo("from");
        assertThat(response.json().get("value").asString()).isEqualTo("999");
    }

    @Test
    void answersNotFoundForAnUnknownRuleSetOrVersion() {
        assertThat(analyst().get("/api/v1/rulesets/pricing").status()).isEqualTo(404);
        assertThat(analyst().post(VERSIONS + "/999/activate", "").status()).isEqualTo(404);
    }
}
