package io.solomo.decision.profile;

import io.solomo.decision.coupon.CouponRedeemed;
import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import io.solomo.decision.support.RawRequests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import io.solomo.model.Channel;
import io.solomo.model.Language;
import io.solomo.model.LoyaltyTier;
import io.solomo.model.offer.CustomerFacts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The datamart API scenarios, run by a subclass on H2 and by another on PostgreSQL. Each scenario makes its own
 * identities, so the scenarios share the demo database without seeing each other's data.
 */
abstract class DatamartScenarios extends DemoServer {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CustomerDirectory directory;

    @Autowired
    CustomerRepository customers;

    @Autowired
    CustomerFactsAssembler factsAssembler;

    @Autowired
    DecisionProfiles decisionProfiles;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    Interactions interactions;

    @Autowired
    ObjectMapper json;

    @Autowired
    ApplicationEventPublisher events;

    final String run = UUID.randomUUID().toString().substring(0, 8);

    ApiClient admin() {
        return ApiClient.on(port).as("admin", PASSWORD);
    }

    @Test
    void decisionProfileMatchesEntityFacts() {
        String customerId = "facts-" + run;
        String absorbedId = "facts-absorbed-" + run;
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        transaction.executeWithoutResult(status -> {
            Customer customer = new Customer(customerId, "Facts", LoyaltyTier.GOLD, Language.EN,
                    ZoneId.of("America/Montreal"), at);
            customer.preferChannels(List.of(Channel.SMS, Channel.PUSH, Channel.EMAIL));
            customer.recordConsent(ConsentPurpose.MARKETING, Channel.PUSH, ConsentStatus.GRANTED, "test", at);
            customer.recordConsent(ConsentPurpose.MARKETING, Channel.PUSH, ConsentStatus.WITHDRAWN, "test",
                    at.plusSeconds(60));
            customer.recordConsent(ConsentPurpose.MARKETING, Channel.SMS, ConsentStatus.GRANTED, "test",
                    at.plusSeconds(30));
            // Recorded at the same instant: the one stored last is in force.
            customer.recordConsent(ConsentPurpose.MARKETING, Channel.EMAIL, ConsentStatus.DENIED, "test", at);
            customer.recordConsent(ConsentPurpose.MARKETING, Channel.EMAIL, ConsentStatus.GRANTED, "test", at);
            customer.recordConsent(ConsentPurpose.PRECISE_LOCATION, null, ConsentStatus.GRANTED, "test", at);
            customers.save(customer);
        });
        jdbc.update("insert into customer_merge (absorbed_id, survivor_id, merged_at, merged_by) "
                + "values (?, ?, ?, 'test')", absorbedId, customerId, Timestamp.from(at));

        String storeId = "regular-store-" + run;
        jdbc.update("insert into store_regular (store_id, customer_id, visits, since, version) values (?, ?, 4, ?, 0)",
                storeId, customerId, Timestamp.from(at));

        DecisionProfiles.DecisionProfile profile = decisionProfiles.find(absorbedId, storeId).orElseThrow();
        CustomerFacts expected = transaction.execute(status ->
                factsAssembler.factsOf(directory.find(customerId).orElseThrow()));

        CustomerFacts facts = profile.facts();
        assertThat(facts.getCustomerId()).isEqualTo(customerId);
        assertThat(facts.getPreferredChannels()).containsExactly(Channel.SMS, Channel.PUSH, Channel.EMAIL);
        assertThat(facts.getConsentedChannels()).containsExactlyInAnyOrder(Channel.SMS, Channel.EMAIL);
        assertThat(facts.getConsentedChannels()).isEqualTo(expected.getConsentedChannels());
        assertThat(facts.getLoyaltyTier()).isEqualTo(expected.getLoyaltyTier());
        assertThat(facts.getLanguage()).isEqualTo(expected.getLanguage());
        assertThat(facts.getProfile()).isEqualTo(expected.getProfile());
        assertThat(profile.timeZone()).isEqualTo(ZoneId.of("America/Montreal"));
        assertThat(profile.regularAtStore()).isTrue();
        assertThat(decisionProfiles.find(absorbedId, "other-store-" + run).orElseThrow().regularAtStore()).isFalse();
        assertThat(decisionProfiles.find(absorbedId, null).orElseThrow().regularAtStore()).isFalse();
        assertThat(decisionProfiles.find("nobody-" + run, storeId)).isEmpty();
    }

    @Test
    void registrationMergesAnonymousQrProfile() {
        String unknownPhone = "06 44 " + run.substring(0, 2).replaceAll("[^0-9]", "5") + " 12 34";
        String marketingPreferencesBefore = app().get("/api/v1/customers/demo-alice/preferences").text();

        // A QR code is scanned by a phone the brand has never seen.
        JsonNode scan = app().post("/api/v1/interactions", """
                {"eventId": "qr-%s", "type": "QR_SCANNED", "occurredAt": "2026-12-04T09:00:00Z",
                 "identities": [{"type": "PHONE", "value": "%s"}], "attributes": {"storeId": "demo-bastille"}}"""
                .formatted(run, unknownPhone)).json();
        String anonymousId = scan.get("customerId").asString();
        JsonNode anonymousProfile = marketer().get("/api/v1/customers/" + anonymousId).json();

        // The same phone registers in the app with an email address already known as Alice's.
        JsonNode registration = app().post("/api/v1/interactions", """
                {"eventId": "reg-%s", "type": "APP_REGISTERED", "occurredAt": "2026-12-04T09:05:00Z",
                 "identities": [{"type": "PHONE", "value": "%s"},
                                {"type": "EMAIL", "value": " Alice.Martin@Example.fr "}]}"""
                .formatted(run, unknownPhone)).json();

        // The anonymous profile is merged into Alice's in real time, and her preferences are kept.
        assertThat(scan.get("status").asString()).isEqualTo("STORED");
        assertThat(anonymousId).isNotEqualTo("demo-alice");
        assertThat(anonymousProfile.get("attributes").get("anonymous").asBoolean()).isTrue();
        assertThat(registration.get("status").asString()).isEqualTo("STORED");
        assertThat(registration.get("customerId").asString()).isEqualTo("demo-alice");
        JsonNode redirected = marketer().get("/api/v1/customers/" + anonymousId).json();
        assertThat(redirected.get("customerId").asString()).isEqualTo("demo-alice");
        assertThat(values(redirected.get("identities"))).contains("EMAIL:alice.martin@example.fr",
                "PHONE:" + IdentityKey.normalise(IdentityType.PHONE, unknownPhone).value());
        JsonNode merge = redirected.get("mergedFrom").get(redirected.get("mergedFrom").size() - 1);
        assertThat(merge.get("customerId").asString()).isEqualTo(anonymousId);
        assertThat(merge.get("mergedBy").asString()).isEqualTo("app");
        assertThat(merge.get("eventId").asString()).isEqualTo("reg-" + run);
        assertThat(values(redirected.get("preferences").get("channels"))).containsExactly("PUSH", "EMAIL");
        assertThat(app().get("/api/v1/customers/demo-alice/preferences").text()).isEqualTo(marketingPreferencesBefore);
        assertThat(count("select count(*) from interaction where event_id in (?, ?) and customer_id = 'demo-alice'",
                "qr-" + run, "reg-" + run)).isEqualTo(2);
        assertThat(count("select count(*) from customer where customer_id = ?", anonymousId)).isZero();
    }

    @Test
    void progressiveProfileGrowsWithEachInteraction() {
        String email = "rfm-" + run + "@example.fr";
        String person = identity("EMAIL", email);
        String batch = "[" + String.join(",",
                event("p1", "STORE_VISIT", "2026-11-02T10:00:00Z", person, "{\"storeId\": \"demo-bastille\"}"),
                event("p2", "PURCHASE", "2026-11-02T10:20:00Z", person, """
                        {"storeId": "demo-bastille", "lines": [
                          {"product": "Brie", "category": "cheese", "quantity": 2, "amount": 12.40},
                          {"product": "Merlot", "category": "wine", "quantity": 1, "amount": 150.00}]}"""),
                event("p3", "PURCHASE", "2026-11-20T18:00:00Z", person, """
                        {"storeId": "demo-maubert", "lines": [
                          {"product": "Comté", "category": "cheese", "quantity": 1, "amount": 60.00}]}"""),
                event("p5", "SOCIAL_SHARE", "2026-11-22T08:00:00Z", person, "{}"),
                event("p6", "STORE_VISIT", "2026-11-25T10:00:00Z", person, "{\"storeId\": \"demo-bastille\"}"))
                + "]";

        JsonNode rows = app().post("/api/v1/interactions", batch).json();
        // Only the server records reviews, when a marketer approves one.
        interactions.record(json.readTree(event("p4", "REVIEW_POSTED", "2026-11-21T08:00:00Z", person,
                "{\"rating\": 5}")), "marketer");

        String customerId = rows.get(0).get("customerId").asString();
        JsonNode attributes = marketer().get("/api/v1/customers/" + customerId).json().get("attributes");
        assertThat(attributes.get("interactionCount").asInt()).isEqualTo(6);
        assertThat(attributes.get("visitCount").asInt()).isEqualTo(2);
        assertThat(attributes.get("purchaseCount").asInt()).isEqualTo(2);
        assertThat(attributes.get("frequency").asInt()).isEqualTo(2);
        assertThat(attributes.get("monetaryValue").decimalValue()).isEqualByComparingTo("222.40");
        assertThat(attributes.get("lastPurchaseAt").asString()).isEqualTo("2026-11-20T18:00:00Z");
        assertThat(attributes.get("recencyDays").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(attributes.get("lastStoreId").asString()).isEqualTo("demo-bastille");
        assertThat(attributes.get("favouriteStoreId").asString()).isEqualTo("demo-bastille");
        assertThat(values(attributes.get("favouriteCategories"))).containsExactly("wine", "cheese");
        assertThat(attributes.get("advocacyScore").asInt()).isEqualTo(15);
        assertThat(attributes.get("engagementScore").asDouble()).isPositive();
        assertThat(attributes.get("loyaltyTier").asString()).isEqualTo("SILVER");
        CustomerFacts facts = transaction.execute(status ->
                factsAssembler.factsOf(directory.find(customerId).orElseThrow()));
        assertThat(facts.getLoyaltyTier()).isEqualTo(LoyaltyTier.SILVER);
        assertThat(facts.getMonetaryValue()).isEqualTo(222.40);
        assertThat(facts.getFavouriteCategories()).containsExactly("wine", "cheese");
        assertThat(facts.getFavouriteStoreId()).isEqualTo("demo-bastille");
        assertThat(facts.getAdvocacyScore()).isEqualTo(15);
    }

    @Test
    void csvImportReportsBadRows() throws InterruptedException {
        String csv = String.join("\n",
                "email,phone,displayName,language,loyaltyTier,channels,smsConsent",
                "imp1-" + run + "@example.fr,,\"Martin, Léa\",fr,GOLD,SMS|EMAIL,GRANTED",
                "not-an-email,,Bad Email,fr,,,",
                "imp3-" + run + "@example.fr,,Third,de,,,",
                ",,No Identity,en,,,",
                "imp5-" + run + "@example.fr,06 99 88 77 66,Fifth,en,SILVER,PUSH,MAYBE",
                "IMP6-" + run + "@Example.fr,,Sixth,en,,PUSH,DENIED") + "\n";

        ApiClient.Response started = marketer().post("/api/v1/customer-imports?fileName=crm.csv", csv, "text/csv");

        assertThat(started.status()).isEqualTo(202);
        String jobId = started.json().get("jobId").asString();
        JsonNode job = awaitImport(jobId);
        assertThat(job.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(job.get("totalRows").asInt()).isEqualTo(6);
        assertThat(job.get("rowsDone").asInt()).isEqualTo(6);
        assertThat(job.get("rowsImported").asInt()).isEqualTo(2);
        assertThat(job.get("errorCount").asInt()).isEqualTo(4);
        JsonNode errors = marketer().get("/api/v1/customer-imports/" + jobId + "/errors").json();
        assertThat(values(errors, "row", "field"))
                .containsExactly("2:email", "3:language", "4:email", "5:smsConsent");
        assertThat(errors.get(0).get("value").asString()).isEqualTo("not-an-email");
        String customerId = jdbc.queryForObject("select customer_id from customer_identity where identity_value = ?",
                String.class, "imp1-" + run + "@example.fr");
        JsonNode profile = marketer().get("/api/v1/customers/" + customerId).json();
        assertThat(values(profile.get("preferences").get("channels"))).containsExactly("SMS", "EMAIL");
        assertThat(profile.get("attributes").get("loyaltyTier").asString()).isEqualTo("GOLD");
        assertThat(values(profile.get("consents"), "channel", "status")).containsExactly("SMS:GRANTED");
        assertThat(count("select count(*) from customer_identity where identity_value = ?",
                "imp6-" + run + "@example.fr")).isEqualTo(1);
        assertThat(marketer().get("/api/v1/customer-imports/missing-job").status()).isEqualTo(404);
    }

    @Test
    void csvImportListsEachRowOutcome() throws InterruptedException {
        String knownCustomer = newCustomer("rows-known");
        String email = "rows-a-" + run + "@example.fr";
        String phone = "+3366" + String.format("%07d", Math.abs(run.hashCode() % 10_000_000));
        String newOnly = String.join("\n",
                "crmId,email,phone,displayName",
                "crm-rows-" + run + "," + email + ",,Row A",
                ",not-an-email,,Bad Email",
                ",ROWS-A-" + run + "@Example.fr,,Row A Again",
                ",," + phone + ",Phone Only") + "\n";
        String withKnown = String.join("\n",
                "email,loyaltyCard",
                "rows-known-" + run + "@example.fr,card-rows-" + run,
                "rows-c-" + run + "@example.fr,") + "\n";

        ApiClient.Response started = marketer().post("/api/v1/customer-imports?fileName=rows.csv", newOnly,
                "text/csv");
        String jobId = started.json().get("jobId").asString();
        JsonNode job = awaitImport(jobId);
        String secondJobId = marketer().post("/api/v1/customer-imports?fileName=known.csv", withKnown, "text/csv")
                .json().get("jobId").asString();
        awaitImport(secondJobId);

        String rowsPath = "/api/v1/customer-imports/" + jobId + "/rows";
        assertThat(started.json().get("rowsUrl").asString()).isEqualTo(rowsPath);
        assertThat(job.get("rowsUrl").asString()).isEqualTo(rowsPath);
        assertThat(job.get("rowsImported").asInt()).isEqualTo(3);
        JsonNode rows = marketer().get(rowsPath).json();
        assertThat(rowOutcomes(rows)).containsExactly("1:CRM_ID:crm-rows-" + run + ":CREATED",
                "3:EMAIL:" + email + ":UPDATED", "4:PHONE:" + phone + ":CREATED");
        String created = customerIdOf(email);
        assertThat(rows.get(0).get("customerId").asString()).isEqualTo(created);
        assertThat(rows.get(1).get("customerId").asString()).isEqualTo(created);
        String phoneOnly = rows.get(2).get("customerId").asString();
        assertThat(phoneOnly).isEqualTo(customerIdOf(phone));

        JsonNode secondRows = marketer().get("/api/v1/customer-imports/" + secondJobId + "/rows").json();
        assertThat(rowOutcomes(secondRows)).containsExactly("1:EMAIL:rows-known-" + run + "@example.fr:UPDATED",
                "2:EMAIL:rows-c-" + run + "@example.fr:CREATED");
        assertThat(secondRows.get(0).get("customerId").asString()).isEqualTo(knownCustomer);

        assertThat(rowNumbers(marketer().get(rowsPath + "?limit=2").json())).containsExactly(1, 3);
        assertThat(rowNumbers(marketer().get(rowsPath + "?after=3&limit=2").json())).containsExactly(4);
        assertThat(marketer().get(rowsPath + "?after=4").json().size()).isZero();
        assertThat(marketer().get(rowsPath + "?limit=0").status()).isEqualTo(400);
        assertThat(marketer().get(rowsPath + "?limit=1001").status()).isEqualTo(400);
        assertThat(marketer().get(rowsPath + "?after=-1").status()).isEqualTo(400);
        assertThat(marketer().get("/api/v1/customer-imports/missing-job/rows").status()).isEqualTo(404);
        assertThat(app().get(rowsPath).status()).isEqualTo(403);

        assertThat(admin().delete("/api/v1/customers/" + phoneOnly).status()).isEqualTo(200);
        JsonNode erased = marketer().get(rowsPath + "?after=3").json().get(0);
        assertThat(erased.get("identityType").asString()).isEqualTo("PHONE");
        assertThat(erased.get("identityValue").isNull()).isTrue();
        assertThat(erased.get("customerId").asString()).isEqualTo(phoneOnly);
    }

    @Test
    void csvImportRowsPageAcrossChunks() throws InterruptedException {
        int total = 2 * CustomerImporter.CHUNK_SIZE + 1;
        StringBuilder csv = new StringBuilder("email\n");
        for (int row = 1; row <= total; row++) {
            csv.append("chunk-").append(row).append('-').append(run).append("@example.fr\n");
        }

        String jobId = marketer().post("/api/v1/customer-imports?fileName=chunks.csv", csv.toString(), "text/csv")
                .json().get("jobId").asString();
        assertThat(awaitImport(jobId).get("rowsImported").asInt()).isEqualTo(total);

        List<Integer> rowNumbers = new ArrayList<>();
        Set<String> customerIds = new HashSet<>();
        int after = 0;
        for (int page = 0; page < 10; page++) {
            JsonNode rows = marketer().get("/api/v1/customer-imports/" + jobId + "/rows?limit=400&after=" + after)
                    .json();
            if (rows.isEmpty()) {
                break;
            }
            for (JsonNode row : rows) {
                rowNumbers.add(row.get("row").asInt());
                customerIds.add(row.get("customerId").asString());
                assertThat(row.get("outcome").asString()).isEqualTo("CREATED");
            }
            after = rowNumbers.get(rowNumbers.size() - 1);
        }
        assertThat(rowNumbers).hasSize(total);
        assertThat(rowNumbers.get(0)).isEqualTo(1);
        assertThat(rowNumbers.get(total - 1)).isEqualTo(total);
        assertThat(rowNumbers).isSorted();
        assertThat(customerIds).hasSize(total);
    }

    @Test
    void csvImportAcceptsExcelByteOrderMark() throws InterruptedException {
        String csv = "\uFEFFemail,displayName\nbom-" + run + "@example.fr,Séverine\n";

        ApiClient.Response started = marketer().post("/api/v1/customer-imports?fileName=excel.csv",
                csv.getBytes(StandardCharsets.UTF_8), "text/csv");

        assertThat(started.status()).as(started.text()).isEqualTo(202);
        JsonNode job = awaitImport(started.json().get("jobId").asString());
        assertThat(job.get("rowsImported").asInt()).isEqualTo(1);
    }

    @Test
    void csvImportOverLimitIsRejectedUnread() throws IOException {
        RawRequests.Reply reply = new RawRequests(port, "marketer", PASSWORD)
                .postDeclaringLength("/api/v1/customer-imports?fileName=huge.csv", "text/csv", 300_000_000L);

        assertThat(reply.status()).as(reply.body()).isEqualTo(413);
        assertThat(reply.json().get("type").asString()).isEqualTo("urn:solomo:problem:content-too-large");
        assertThat(reply.json().get("detail").asString())
                .isEqualTo("the request body is larger than the 209715200 bytes this endpoint accepts "
                        + "(solomo.api.max-customer-import-size)");
    }

    @Test
    void csvImportRejectsRowsOverOneMegabyte() throws IOException {
        String longName = "x".repeat(1024 * 1024);
        byte[] longLine = ("email,displayName\nok-" + run + "@example.fr,Anne\nlong-" + run + "@example.fr,"
                + longName + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] longQuotedCell = ("email,displayName\nquoted-" + run + "@example.fr,\""
                + "short line\n".repeat(100_000) + "\"\n").getBytes(StandardCharsets.UTF_8);
        RawRequests raw = new RawRequests(port, "marketer", PASSWORD);

        RawRequests.Reply lineReply = raw.postChunked("/api/v1/customer-imports?fileName=long.csv", "text/csv",
                longLine);
        RawRequests.Reply cellReply = raw.postChunked("/api/v1/customer-imports?fileName=quoted.csv", "text/csv",
                longQuotedCell);

        assertThat(lineReply.status()).as(lineReply.body()).isEqualTo(400);
        assertThat(lineReply.json().get("field").asString()).isEqualTo("csv");
        assertThat(lineReply.json().get("value").asString()).isEqualTo("line 3");
        assertThat(lineReply.json().get("detail").asString()).contains("line 3", "1048576 bytes");
        assertThat(cellReply.status()).as(cellReply.body()).isEqualTo(400);
        assertThat(cellReply.json().get("value").asString()).isEqualTo("line 2");
        assertThat(cellReply.json().get("detail").asString()).contains("closing quote");
        assertThat(count("select count(*) from customer_identity where identity_value = ?",
                "ok-" + run + "@example.fr")).isZero();
    }

    @Test
    void chunkedCsvImportUnderLimitIsImported() throws IOException, InterruptedException {
        String multiLineCell = "\"" + "line\n".repeat(10) + "\"";
        byte[] csv = ("email,displayName\nchunked-" + run + "@example.fr," + multiLineCell + "\nplain-" + run
                + "@example.fr,Plain\n").getBytes(StandardCharsets.UTF_8);

        RawRequests.Reply reply = new RawRequests(port, "marketer", PASSWORD)
                .postChunked("/api/v1/customer-imports?fileName=chunked.csv", "text/csv", csv);

        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        JsonNode job = awaitImport(reply.json().get("jobId").asString());
        assertThat(job.get("totalRows").asInt()).isEqualTo(2);
        assertThat(job.get("rowsImported").asInt()).isEqualTo(2);
    }

    @Test
    void csvImportRejectsOtherEncodingsAndSemicolons() {
        byte[] latin1 = ("email,displayName\nok-" + run + "@example.fr,Anne\nl1-" + run + "@example.fr,Séverine\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        String semicolons = "email;displayName\nsc-" + run + "@example.fr;Anne\n";

        ApiClient.Response notUtf8 = marketer().post("/api/v1/customer-imports?fileName=latin1.csv", latin1,
                "text/csv");
        ApiClient.Response semicolonSeparated = marketer().post("/api/v1/customer-imports?fileName=fr.csv",
                semicolons.getBytes(StandardCharsets.UTF_8), "text/csv");

        assertThat(notUtf8.status()).as(notUtf8.text()).isEqualTo(400);
        assertThat(notUtf8.json().get("field").asString()).isEqualTo("csv");
        assertThat(notUtf8.json().get("value").asString()).isEqualTo("line 3");
        assertThat(notUtf8.json().get("detail").asString()).contains("not UTF-8", "CSV UTF-8");
        assertThat(semicolonSeparated.status()).as(semicolonSeparated.text()).isEqualTo(400);
        assertThat(semicolonSeparated.json().get("field").asString()).isEqualTo("header");
        assertThat(semicolonSeparated.json().get("detail").asString()).contains("separated by semicolons");
    }

    @Test
    void nulCharacterRejectedByField() throws InterruptedException {
        // "\\u0000" is JSON's escape of the NUL character, which PostgreSQL cannot store in a text column.
        String customerId = newCustomer("nul");
        String email = identity("EMAIL", "nul-" + run + "@example.fr");
        String badEvent = interaction("nul\\u0000-" + run, "WEB_VISIT", email);
        String good = interaction("nul-good-" + run, "WEB_VISIT", email);
        String badIdentity = interaction("nul-id-" + run, "WEB_VISIT", identity("CRM_ID", "crm\\u0000" + run));
        String badAttribute = event("nul-attr", "WEB_VISIT", "2026-12-01T10:00:00Z", email,
                "{\"page\": \"/\\u0000\"}");

        ApiClient.Response single = app().post("/api/v1/interactions", badEvent);
        JsonNode batch = app().post("/api/v1/interactions",
                "[" + String.join(",", good, badIdentity, badAttribute) + "]").json();
        ApiClient.Response consent = app().post("/api/v1/customers/" + customerId + "/consents", """
                {"purpose": "MARKETING", "channel": "SMS", "status": "GRANTED", "source": "crm\\u0000sync"}""");

        assertThat(single.status()).as(single.text()).isEqualTo(400);
        assertThat(single.json().get("field").asString()).isEqualTo("eventId");
        assertThat(single.json().get("detail").asString()).contains("NUL character (U+0000)");
        assertThat(batch.size()).isEqualTo(3);
        assertThat(batch.get(0).get("status").asString()).isEqualTo("STORED");
        assertThat(batch.get(1).get("status").asString()).isEqualTo("REJECTED");
        assertThat(batch.get(1).get("reason").asString()).contains("identities[0].value", "U+0000");
        assertThat(batch.get(2).get("status").asString()).isEqualTo("REJECTED");
        assertThat(batch.get(2).get("reason").asString()).contains("attributes.page", "U+0000");
        assertThat(consent.status()).as(consent.text()).isEqualTo(400);
        assertThat(consent.json().get("field").asString()).isEqualTo("source");
        assertThat(consent.json().get("value").asString()).isEqualTo("crm\0sync");
        assertThat(count("select count(*) from interaction where event_id like ?", "nul%" + run)).isEqualTo(2);
        assertThat(app().get("/api/v1/customers/" + customerId + "/consents").json().get("history").size()).isZero();

        String csv = "email,displayName\nnul-csv1-" + run + "@example.fr,Ana\0is\n"
                + "nul-csv2-" + run + "@example.fr,Léa,extra\nnul-csv3-" + run + "@example.fr,Zoé,\n";
        String jobId = marketer().post("/api/v1/customer-imports?fileName=nul.csv", csv, "text/csv").json()
                .get("jobId").asString();

        assertThat(awaitImport(jobId).get("rowsImported").asInt()).isEqualTo(1);
        JsonNode errors = marketer().get("/api/v1/customer-imports/" + jobId + "/errors").json();
        assertThat(values(errors, "row", "field")).containsExactly("1:displayName", "2:csv");
        assertThat(errors.get(1).get("value").asString()).isEqualTo("extra");
        assertThat(count("select count(*) from customer_identity where identity_value like ?",
                "nul-csv%" + run + "@example.fr")).isEqualTo(1);

        ApiClient.Response fileName = marketer().post("/api/v1/customer-imports?fileName=a%00b.csv", csv, "text/csv");
        ApiClient.Response path = marketer().get("/api/v1/customers/nul%00" + run);
        assertThat(fileName.status()).as(fileName.text()).isEqualTo(400);
        assertThat(fileName.json().get("field").asString()).isEqualTo("fileName");
        assertThat(path.status()).as(path.text()).isIn(400, 404);
    }

    @Test
    void csvImportUpdatesRepeatedAndKnownPeople() throws InterruptedException {
        String email = "reimp-" + run + "@example.fr";
        String known = newCustomer("reimp-known");
        String first = String.join("\n",
                "email,crmId,displayName,language,channels,emailConsent",
                email + ",,First Name,fr,EMAIL,GRANTED",
                email + ",crm-reimp-" + run + ",Second Name,en,SMS|EMAIL,WITHDRAWN") + "\n";
        String second = String.join("\n",
                "email,displayName,loyaltyTier,smsConsent",
                "reimp-known-" + run + "@example.fr,Known Again,SILVER,GRANTED") + "\n";

        JsonNode firstJob = awaitImport(marketer().post("/api/v1/customer-imports?fileName=first.csv", first,
                "text/csv").json().get("jobId").asString());
        JsonNode secondJob = awaitImport(marketer().post("/api/v1/customer-imports?fileName=second.csv", second,
                "text/csv").json().get("jobId").asString());

        assertThat(firstJob.get("rowsImported").asInt()).isEqualTo(2);
        assertThat(secondJob.get("rowsImported").asInt()).isEqualTo(1);
        String created = jdbc.queryForObject("select customer_id from customer_identity where identity_value = ?",
                String.class, email);
        JsonNode profile = marketer().get("/api/v1/customers/" + created).json();
        assertThat(values(profile.get("identities"))).containsExactlyInAnyOrder("EMAIL:" + email,
                "CRM_ID:crm-reimp-" + run);
        assertThat(values(profile.get("preferences").get("channels"))).containsExactly("SMS", "EMAIL");
        assertThat(profile.get("preferences").get("language").asString()).isEqualTo("en");
        assertThat(values(profile.get("consents"), "channel", "status")).containsExactly("EMAIL:WITHDRAWN");
        assertThat(count("select count(*) from consent where customer_id = ?", created)).isEqualTo(2);
        JsonNode updated = marketer().get("/api/v1/customers/" + known).json();
        assertThat(updated.get("attributes").get("loyaltyTier").asString()).isEqualTo("SILVER");
        assertThat(values(updated.get("consents"), "channel", "status")).containsExactly("SMS:GRANTED");
    }

    @Test
    void importSourceIsReservedToImports() {
        String customerId = newCustomer("reserved-source");

        ApiClient.Response posted = app().post("/api/v1/customers/" + customerId + "/consents", """
                {"purpose": "MARKETING", "channel": "SMS", "status": "WITHDRAWN", "source": "csv-import"}""");

        assertThat(posted.status()).as(posted.text()).isEqualTo(400);
        assertThat(posted.json().get("field").asString()).isEqualTo("source");
        assertThat(posted.json().get("value").asString()).isEqualTo("csv-import");
    }

    @Test
    void csvImportKeepsWithdrawalMadeOutsideImports() throws InterruptedException {
        String stopped = newCustomer("stop-kept");

        String jobId = importAfterConsent(stopped, "SMS", "WITHDRAWN", "sms-stop",
                "email,smsConsent,emailConsent\n" + "stop-kept-" + run + "@example.fr,GRANTED,GRANTED\n");

        assertThat(awaitImport(jobId).get("rowsImported").asInt()).isEqualTo(1);
        JsonNode errors = marketer().get("/api/v1/customer-imports/" + jobId + "/errors").json();
        assertThat(values(errors, "row", "field")).containsExactly("1:smsConsent");
        assertThat(errors.get(0).get("reason").asString()).contains("withdrawn outside imports", "sms-stop");
        JsonNode profile = marketer().get("/api/v1/customers/" + stopped).json();
        assertThat(values(profile.get("consents"), "channel", "status"))
                .containsExactlyInAnyOrder("SMS:WITHDRAWN", "EMAIL:GRANTED");
    }

    @Test
    void csvImportKeepsDenialMadeInApp() throws InterruptedException {
        String declined = newCustomer("deny-kept");

        String jobId = importAfterConsent(declined, "PUSH", "DENIED", "app-onboarding",
                "email,pushConsent\n" + "deny-kept-" + run + "@example.fr,GRANTED\n");

        assertThat(awaitImport(jobId).get("rowsImported").asInt()).isEqualTo(1);
        JsonNode errors = marketer().get("/api/v1/customer-imports/" + jobId + "/errors").json();
        assertThat(values(errors, "row", "field")).containsExactly("1:pushConsent");
        assertThat(errors.get(0).get("reason").asString()).contains("denied outside imports", "app-onboarding");
        JsonNode profile = marketer().get("/api/v1/customers/" + declined).json();
        assertThat(values(profile.get("consents"), "channel", "status")).containsExactly("PUSH:DENIED");
    }

    @Test
    void csvImportErrorsPageByRow() throws InterruptedException {
        String stopped = newCustomer("errors-page");
        ApiClient.Response denied = app().post("/api/v1/customers/" + stopped + "/consents", """
                {"purpose": "MARKETING", "channel": "EMAIL", "status": "DENIED", "source": "app-onboarding"}""");
        assertThat(denied.status()).as(denied.text()).isEqualTo(201);
        String csv = "email,smsConsent,emailConsent\n"
                + "errors-page-" + run + "@example.fr,GRANTED,GRANTED\n"
                + "not-an-email,,\n"
                + "also-not-an-email,,\n";

        String jobId = importAfterConsent(stopped, "SMS", "WITHDRAWN", "sms-stop", csv);
        assertThat(awaitImport(jobId).get("errorCount").asInt()).isEqualTo(4);

        String errorsPath = "/api/v1/customer-imports/" + jobId + "/errors";
        assertThat(values(marketer().get(errorsPath + "?limit=1").json(), "row", "field"))
                .containsExactly("1:smsConsent", "1:emailConsent");
        assertThat(values(marketer().get(errorsPath + "?limit=1&after=1").json(), "row", "field"))
                .containsExactly("2:email");
        assertThat(values(marketer().get(errorsPath + "?limit=5&after=2").json(), "row", "field"))
                .containsExactly("3:email");
        assertThat(marketer().get(errorsPath + "?after=3").json().isEmpty()).isTrue();
        assertThat(values(marketer().get(errorsPath).json(), "row", "field"))
                .containsExactly("1:smsConsent", "1:emailConsent", "2:email", "3:email");
        ApiClient.Response badLimit = marketer().get(errorsPath + "?limit=0");
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.json().get("field").asString()).isEqualTo("limit");
    }

    @Test
    void csvUnknownColumnRejected() {
        ApiClient.Response response = marketer().post("/api/v1/customer-imports",
                "email,shoeSize\nx@example.fr,42\n", "text/csv");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("value").asString()).isEqualTo("shoeSize");
    }

    @Test
    void csvRepeatedColumnRejected() {
        ApiClient.Response response = marketer().post("/api/v1/customer-imports",
                "email,displayName,email\ndup-" + run + "@example.fr,Ana,dup-" + run + "@example.fr\n", "text/csv");

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("header");
        assertThat(response.json().get("value").asString()).isEqualTo("email");
        assertThat(response.json().get("detail").asString()).contains("named twice");
    }

    @Test
    void purchaseAmountWithThreeDecimalsRejected() {
        String email = "cents-" + run + "@example.fr";

        ApiClient.Response total = app().post("/api/v1/interactions", event("c1", "PURCHASE",
                "2026-11-03T10:00:00Z", identity("EMAIL", email), """
                {"amount": 19.999}"""));
        ApiClient.Response line = app().post("/api/v1/interactions", event("c2", "PURCHASE",
                "2026-11-03T10:00:00Z", identity("EMAIL", email), """
                {"lines": [{"product": "Brie", "quantity": 1, "amount": 9.905}]}"""));

        assertThat(total.status()).isEqualTo(400);
        assertThat(total.json().get("field").asString()).isEqualTo("attributes.amount");
        assertThat(total.json().get("detail").asString()).contains("at most 2 decimals");
        assertThat(line.status()).isEqualTo(400);
        assertThat(line.json().get("field").asString()).isEqualTo("attributes.lines[0].amount");
    }

    @Test
    void exportHoldsEverythingKnownOfThePerson() {
        String customerId = newCustomer("export");
        app().post("/api/v1/customers/" + customerId + "/consents", """
                {"purpose": "MARKETING", "channel": "EMAIL", "status": "GRANTED", "source": "web-signup"}""");
        interactions.record(json.readTree(event("e1", "REVIEW_POSTED", "2026-11-03T10:00:00Z",
                identity("EMAIL", "export-" + run + "@example.fr"), "{\"rating\": 4, \"text\": \"Great!\"}")),
                "marketer");

        insertReview(customerId, "PENDING", "Le vendeur m'a bien conseillé");

        ApiClient.Response export = admin().get("/api/v1/customers/" + customerId + "/export");

        assertThat(export.status()).isEqualTo(200);
        JsonNode data = export.json();
        assertThat(values(data.get("profile").get("identities"))).contains("EMAIL:export-" + run + "@example.fr");
        assertThat(data.get("consentHistory").size()).isEqualTo(1);
        assertThat(data.get("interactions").size()).isEqualTo(2);
        JsonNode review = data.get("interactions").get(0);
        assertThat(review.get("eventId").asString()).as("oldest first").isEqualTo("e1-" + run);
        assertThat(review.get("attributes").get("text").asString()).isEqualTo("Great!");
        assertThat(data.has("location_event")).isTrue();
        assertThat(data.get("review").size()).isEqualTo(1);
        assertThat(data.get("review").get(0).get("text").asString()).isEqualTo("Le vendeur m'a bien conseillé");
        assertThat(marketer().get("/api/v1/customers/" + customerId + "/export").status()).isEqualTo(403);
    }

    @Test
    void erasureRemovesPersonalDataAndKeepsAggregates() {
        String email = "erase-" + run + "@example.fr";
        String customerId = newCustomer("erase");
        app().put("/api/v1/customers/" + customerId + "/preferences", """
                {"channels": ["EMAIL"], "quietHours": {"start": "22:00", "end": "07:00"}}""");
        app().post("/api/v1/customers/" + customerId + "/consents", """
                {"purpose": "MARKETING", "channel": "EMAIL", "status": "GRANTED", "source": "web-signup"}""");
        app().post("/api/v1/interactions", event("x1", "PURCHASE", "2026-11-03T10:00:00Z",
                identity("EMAIL", email), """
                {"storeId": "demo-bastille", "note": "deliver to 3 rue des Lilas",
                 "lines": [{"product": "Brie", "category": "cheese", "quantity": 1, "amount": 9.90}]}"""));

        String route = "https://www.openstreetmap.org/directions?route=48.853200%2C2.369100%3B48.853000%2C2.369000";
        String decisionId = UUID.randomUUID().toString();
        OffsetDateTime decided = OffsetDateTime.parse("2026-11-03T10:00:00Z");
        jdbc.update("insert into decision_record (decision_id, customer_id, channel, trigger_type, rules_version, "
                + "contact_at, decided_at, request_json, fired_rules, offers_json, rejections_json, facts_json) "
                + "values (?, ?, 'PUSH', 'API', 'v1', ?, ?, '{}', '[]', ?, '[]', ?)", decisionId, customerId, decided,
                decided, "[{\"offerId\": \"STORE-WELCOME-10\", \"routeUrl\": \"" + route + "\"}]",
                "{\"customer\": {\"loyaltyTier\": \"GOLD\", \"consentedChannels\": [\"EMAIL\"]}}");
        String deliveryId = UUID.randomUUID().toString();
        jdbc.update("insert into delivery (delivery_id, decision_id, customer_id, offer_id, channel, status, message, "
                + "route_url, created_at) values (?, ?, ?, 'STORE-WELCOME-10', 'PUSH', 'DEAD', 'Bienvenue', ?, ?)",
                deliveryId, decisionId, customerId, route, decided);
        jdbc.update("insert into dead_letter (dead_letter_id, delivery_id, channel, original_message, reason, "
                + "attempts, failed_at) values (?, ?, 'PUSH', ?, 'FCM 400', 1, ?)", UUID.randomUUID().toString(),
                deliveryId, "{\"deliveryId\": \"" + deliveryId + "\", \"routeUrl\": \"" + route + "\"}", decided);
        String pending = insertReview(customerId, "PENDING", "Bob Martin, 12 rue X : vendeur désagréable");
        String approved = insertReview(customerId, "APPROVED", "Très bon accueil");

        ApiClient.Response erased = admin().delete("/api/v1/customers/" + customerId);

        assertThat(erased.status()).isEqualTo(200);
        for (String review : List.of(pending, approved)) {
            assertThat(jdbc.queryForObject("select text from review where review_id = ?", String.class, review))
                    .isNull();
            assertThat(jdbc.queryForObject("select url from review where review_id = ?", String.class, review))
                    .isNull();
        }
        assertThat(jdbc.queryForObject("select status from review where review_id = ?", String.class, pending))
                .isEqualTo("REJECTED");
        assertThat(jdbc.queryForObject("select status from review where review_id = ?", String.class, approved))
                .isEqualTo("APPROVED");
        assertThat(jdbc.queryForObject("select offers_json from decision_record where decision_id = ?",
                String.class, decisionId)).doesNotContain("48.853200").contains("STORE-WELCOME-10");
        assertThat(jdbc.queryForObject("select facts_json from decision_record where decision_id = ?",
                String.class, decisionId)).isEqualTo("{}");
        assertThat(jdbc.queryForObject("select route_url from delivery where decision_id = ?", String.class,
                decisionId)).isNull();
        assertThat(jdbc.queryForObject("select original_message from dead_letter where delivery_id = ?",
                String.class, deliveryId)).doesNotContain("48.853200");
        assertThat(erased.json().get("identitiesRemoved").asInt()).isEqualTo(1);
        JsonNode profile = marketer().get("/api/v1/customers/" + customerId).json();
        assertThat(profile.get("identities").size()).isZero();
        assertThat(profile.get("consents").size()).isZero();
        assertThat(profile.get("preferences").get("channels").size()).isZero();
        assertThat(profile.get("preferences").get("quietHours").isNull()).isTrue();
        assertThat(profile.get("attributes").get("purchaseCount").asInt()).isEqualTo(1);
        assertThat(profile.get("attributes").get("favouriteCategories").get(0).asString()).isEqualTo("cheese");
        assertThat(count("select count(*) from consent where customer_id = ?", customerId)).isZero();
        String attributes = jdbc.queryForObject("select attributes_json from interaction where event_id = ?",
                String.class, "x1-" + run);
        assertThat(attributes).doesNotContain("Lilas").contains("cheese");
        String again = app().post("/api/v1/interactions", interaction("x2-" + run, "WEB_VISIT",
                identity("EMAIL", email))).json().get("customerId").asString();
        assertThat(again).isNotEqualTo(customerId);
    }

    @Test
    void exportHoldsRowsOfEveryFeature() {
        String customerId = newCustomer("export-all");
        String absorbedId = "export-absorbed-" + run;
        FeatureRows rows = insertRowsOfEveryFeature(customerId, absorbedId);

        JsonNode data = admin().get("/api/v1/customers/" + customerId + "/export").json();

        assertThat(column(data, "device_token", "installation_id")).containsExactly(rows.installationId());
        assertThat(column(data, "device_presence", "device_id")).containsExactly(rows.deviceId());
        assertThat(column(data, "geofence_transition", "transition_id")).containsExactly(rows.transitionId());
        assertThat(column(data, "store_visit", "visit_id")).containsExactly(rows.visitId());
        assertThat(column(data, "store_regular", "store_id")).containsExactly(rows.storeId());
        assertThat(column(data, "contact", "offer_id")).containsExactly("STORE-WELCOME-10");
        assertThat(column(data, "purchase", "purchase_id")).containsExactly(rows.purchaseId());
        assertThat(column(data, "purchase_follow_up", "purchase_id")).containsExactly(rows.purchaseId());
        assertThat(column(data, "loyalty_account", "balance")).containsExactly("20");
        assertThat(column(data, "loyalty_entry", "reason")).containsExactlyInAnyOrder("Purchase", SPEND_REASON);
        assertThat(column(data, "share_link", "code")).containsExactly(rows.shareCode());
        assertThat(column(data, "share_claim", "coupon_code")).as("claims under the current and the absorbed id")
                .containsExactlyInAnyOrder(rows.claimCode(), rows.absorbedClaimCode());
        assertThat(column(data, "dead_letter", "reason")).containsExactly("FCM 400");
        assertThat(column(data, "decision_outcome", "outcome")).containsExactly("CLICKED");
    }

    @Test
    void erasureRemovesRowsOfEveryFeature() {
        String customerId = newCustomer("erase-all");
        String absorbedId = "erase-absorbed-" + run;
        FeatureRows rows = insertRowsOfEveryFeature(customerId, absorbedId);

        ApiClient.Response erased = admin().delete("/api/v1/customers/" + customerId);

        assertThat(erased.status()).as(erased.text()).isEqualTo(200);
        assertThat(erased.json().get("deviceTokensRemoved").asInt()).isEqualTo(1);
        assertThat(erased.json().get("geofenceTransitionsRemoved").asInt()).isEqualTo(1);
        assertThat(erased.json().get("storeVisitsRemoved").asInt()).isEqualTo(1);
        assertThat(count("select count(*) from device_token where customer_id = ?", customerId)).isZero();
        assertThat(count("select count(*) from device_presence where customer_id = ?", customerId)).isZero();
        assertThat(count("select count(*) from geofence_transition where customer_id = ?", customerId)).isZero();
        assertThat(count("select count(*) from store_visit where customer_id = ?", customerId)).isZero();
        assertThat(count("select count(*) from store_regular where customer_id = ?", customerId)).isZero();
        assertThat(count("select count(*) from share_link where code = ? and sharer_id is null and clicks = 3",
                rows.shareCode())).as("the share stays, without its sharer").isEqualTo(1);
        for (String claim : List.of(rows.claimCode(), rows.absorbedClaimCode())) {
            assertThat(count("select count(*) from share_claim where coupon_code = ? and friend_id is null", claim))
                    .as("claim %s stays, without its friend", claim).isEqualTo(1);
        }
        assertThat(count("select count(*) from purchase where purchase_id = ? and amount = 30.00",
                rows.purchaseId())).as("the purchase stays as an aggregate").isEqualTo(1);
        assertThat(count("select count(*) from contact where customer_id = ?", customerId)).isEqualTo(1);
        JsonNode loyalty = admin().get("/api/v1/customers/" + customerId + "/loyalty").json();
        assertThat(loyalty.get("balance").asLong()).isEqualTo(20);
        assertThat(jdbc.queryForList("select reason from loyalty_entry where customer_id = ? and kind = 'SPENT'",
                String.class, customerId)).containsExactly("Points spent");
        assertThat(jdbc.queryForList("select kind || ':' || points from loyalty_entry where customer_id = ?",
                String.class, customerId)).as("the ledger keeps its points")
                .containsExactlyInAnyOrder("EARNED:30", "SPENT:10");
    }

    @Test
    void referralOfErasedSharerCreditsNothing() {
        String customerId = newCustomer("erase-sharer");
        FeatureRows rows = insertRowsOfEveryFeature(customerId, "erase-sharer-absorbed-" + run);
        String friendCoupon = "FRIEND-" + run;
        jdbc.update("insert into share_claim (coupon_code, share_code, friend_id, claimed_at) values (?, ?, ?, ?)",
                friendCoupon, rows.shareCode(), "friend-" + run, OffsetDateTime.parse("2026-11-04T10:00:00Z"));
        admin().delete("/api/v1/customers/" + customerId);

        transaction.executeWithoutResult(status -> events.publishEvent(new CouponRedeemed(friendCoupon,
                "STORE-WELCOME-10", "friend-" + run, rows.storeId(), Instant.parse("2026-11-05T10:00:00Z"))));

        assertThat(count("select count(*) from loyalty_entry where reference = ?", friendCoupon)).isZero();
    }

    @Test
    void everyCustomerColumnIsExported() {
        List<String> tables = jdbc.queryForList("select lower(table_name) from information_schema.columns "
                + "where lower(column_name) in ('customer_id', 'sharer_id', 'friend_id', 'absorbed_id', "
                + "'survivor_id') and lower(table_schema) = 'public'", String.class);

        Set<String> handled = new HashSet<>(DataSubjectRights.EXPORTED_BY_PROFILE);
        DataSubjectRights.EXPORTED_TABLES.forEach(table -> handled.add(table.name()));
        handled.addAll(DataSubjectRights.NOT_PERSONAL_TABLES.keySet());
        assertThat(tables).contains("device_token", "share_claim", "customer_merge");
        assertThat(handled).as("tables with a customer column, neither exported nor listed as not personal")
                .containsAll(new HashSet<>(tables));
    }

    private static final String SPEND_REASON = "Cadeau pour Marie, 12 rue des Lilas";

    /** The ids of the rows that {@link #insertRowsOfEveryFeature} inserted. */
    private record FeatureRows(String installationId, String deviceId, String transitionId, String visitId,
                               String storeId, String purchaseId, String shareCode, String claimCode,
                               String absorbedClaimCode) {
    }

    /**
     * Inserts a row about the customer in each table of another feature, and a share claim under an id that was
     * merged into the customer. The loyalty balance is 20 points: 30 earned and 10 spent.
     */
    private FeatureRows insertRowsOfEveryFeature(String customerId, String absorbedId) {
        OffsetDateTime at = OffsetDateTime.parse("2026-11-03T10:00:00Z");
        String storeId = "store-" + run + "-" + customerId.hashCode();
        String installationId = "phone-" + customerId;
        ApiClient.Response device = app().put("/api/v1/customers/" + customerId + "/devices/" + installationId,
                "{\"platform\": \"FCM\", \"token\": \"token-" + customerId + "\"}");
        assertThat(device.status()).as(device.text()).isEqualTo(200);
        jdbc.update("insert into customer_merge (absorbed_id, survivor_id, merged_at, merged_by) values (?, ?, ?, 'test')",
                absorbedId, customerId, at);

        String deviceId = "device-" + customerId;
        // A last_seen_at a day ahead keeps the silence sweep from giving this device a synthetic exit mid-test.
        OffsetDateTime seen = OffsetDateTime.now().plusDays(1);
        jdbc.update("insert into device_presence (device_id, customer_id, last_fix_at, last_latitude, last_longitude, "
                + "last_accuracy_meters, last_seen_at, geofences) values (?, ?, ?, 48.8532, 2.3691, 10, ?, '[]')",
                deviceId, customerId, seen, seen);
        String transitionId = UUID.randomUUID().toString();
        jdbc.update("insert into geofence_transition (transition_id, device_id, customer_id, store_id, kind, cause, "
                + "occurred_at, recorded_at) values (?, ?, ?, ?, 'ENTER', 'FIX', ?, ?)", transitionId, deviceId,
                customerId, storeId, at, at);
        jdbc.update("insert into store_visit (visit_id, customer_id, store_id, visited_at, visit_day) "
                + "values (?, ?, ?, ?, ?)", transitionId, customerId, storeId, at, Date.valueOf("2026-11-03"));
        jdbc.update("insert into store_regular (store_id, customer_id, visits, since, version) values (?, ?, 4, ?, 0)",
                storeId, customerId, at);

        String decisionId = UUID.randomUUID().toString();
        jdbc.update("insert into decision_record (decision_id, customer_id, channel, trigger_type, rules_version, "
                + "contact_at, decided_at, request_json, fired_rules, offers_json, rejections_json) "
                + "values (?, ?, 'PUSH', 'API', 'v1', ?, ?, '{}', '[]', '[]', '[]')", decisionId, customerId, at, at);
        jdbc.update("insert into contact (decision_id, customer_id, offer_id, channel, pushed, contacted_at) "
                + "values (?, ?, 'STORE-WELCOME-10', 'PUSH', true, ?)", decisionId, customerId, at);
        jdbc.update("insert into decision_outcome (decision_id, offer_id, outcome, recorded_at) "
                + "values (?, 'STORE-WELCOME-10', 'CLICKED', ?)", decisionId, at);
        String deliveryId = UUID.randomUUID().toString();
        jdbc.update("insert into delivery (delivery_id, decision_id, customer_id, offer_id, channel, status, message, "
                + "created_at) values (?, ?, ?, 'STORE-WELCOME-10', 'PUSH', 'DEAD', 'Bienvenue', ?)", deliveryId,
                decisionId, customerId, at);
        jdbc.update("insert into dead_letter (dead_letter_id, delivery_id, channel, original_message, reason, "
                + "attempts, failed_at) values (?, ?, 'PUSH', '{}', 'FCM 400', 1, ?)", UUID.randomUUID().toString(),
                deliveryId, at);

        String purchaseId = "receipt-" + customerId;
        jdbc.update("insert into purchase (purchase_id, customer_id, store_id, amount, points, occurred_at, "
                + "recorded_at) values (?, ?, ?, 30.00, 30, ?, ?)", purchaseId, customerId, storeId, at, at);
        jdbc.update("insert into purchase_follow_up (purchase_id, customer_id, due_at, status) "
                + "values (?, ?, ?, 'PENDING')", purchaseId, customerId, at.plusDays(7));
        jdbc.update("insert into loyalty_account (customer_id, balance, lifetime_points, tier, last_activity, version) "
                + "values (?, 20, 30, 'BRONZE', ?, 0)", customerId, at);
        String ledger = "insert into loyalty_entry (customer_id, kind, points, action, reference, reason, recorded_at) "
                + "values (?, ?, ?, ?, ?, ?, ?)";
        jdbc.update(ledger, customerId, "EARNED", 30, "PURCHASE", purchaseId, "Purchase", at);
        jdbc.update(ledger, customerId, "SPENT", 10, "SPEND", "gift-" + run, SPEND_REASON, at);

        String key = Integer.toHexString(customerId.hashCode()).toUpperCase(java.util.Locale.ROOT);
        String shareCode = "S" + key;
        jdbc.update("insert into share_link (code, offer_id, sharer_id, network, created_at, clicks) "
                + "values (?, 'STORE-WELCOME-10', ?, 'whatsapp', ?, 3)", shareCode, customerId, at);
        String friendsShare = shareCode + "F";
        jdbc.update("insert into share_link (code, offer_id, sharer_id, network, created_at, clicks) "
                + "values (?, 'STORE-WELCOME-10', ?, 'facebook', ?, 1)", friendsShare, "sharer-" + customerId, at);
        String claimCode = "CLAIM-" + key;
        String absorbedClaimCode = "CLAIM-ABSORBED-" + key;
        String claim = "insert into share_claim (coupon_code, share_code, friend_id, claimed_at) values (?, ?, ?, ?)";
        jdbc.update(claim, claimCode, friendsShare, customerId, at);
        jdbc.update(claim, absorbedClaimCode, friendsShare, absorbedId, at);
        return new FeatureRows(installationId, deviceId, transitionId, transitionId, storeId, purchaseId, shareCode,
                claimCode, absorbedClaimCode);
    }

    /** Returns one column of an exported table, each value as text. */
    private static List<String> column(JsonNode export, String table, String column) {
        assertThat(export.has(table)).as("export has table " + table).isTrue();
        List<String> values = new ArrayList<>();
        for (JsonNode row : export.get(table)) {
            values.add(row.get(column).asString());
        }
        return values;
    }

    private String insertReview(String customerId, String status, String text) {
        String reviewId = UUID.randomUUID().toString();
        jdbc.update("insert into review (review_id, customer_id, purchase_reference, platform, url, rating, text, "
                        + "status, submitted_at) values (?, ?, ?, 'instagram', ?, 4, ?, ?, ?)",
                reviewId, customerId, "receipt-" + reviewId, "https://instagram.example/p/" + reviewId, text, status,
                OffsetDateTime.parse("2026-11-03T10:00:00Z"));
        return reviewId;
    }

    private String customerIdOf(String identityValue) {
        return jdbc.queryForObject("select customer_id from customer_identity where identity_value = ?",
                String.class, identityValue);
    }

    private static List<String> rowOutcomes(JsonNode rows) {
        List<String> outcomes = new ArrayList<>();
        for (JsonNode row : rows) {
            outcomes.add(row.get("row").asInt() + ":" + row.get("identityType").asString() + ":"
                    + row.get("identityValue").asString() + ":" + row.get("outcome").asString());
        }
        return outcomes;
    }

    private static List<Integer> rowNumbers(JsonNode rows) {
        List<Integer> numbers = new ArrayList<>();
        for (JsonNode row : rows) {
            numbers.add(row.get("row").asInt());
        }
        return numbers;
    }

    private JsonNode awaitImport(String jobId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonNode job = marketer().get("/api/v1/customer-imports/" + jobId).json();
        while ("RUNNING".equals(job.get("status").asString()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            job = marketer().get("/api/v1/customer-imports/" + jobId).json();
        }
        return job;
    }

    @Test
    void batchKeepsGoodRowsReportsBad() {
        String body = "[" + String.join(",",
                interaction("b1-" + run, "WEB_VISIT", identity("EMAIL", "batch-" + run + "@example.fr")),
                interaction("b2-" + run, "WEB_VISIT", identity("PHONE", "not a phone")),
                interaction("b3-" + run, "TELEPATHY", identity("EMAIL", "batch-" + run + "@example.fr")),
                "{\"type\": \"WEB_VISIT\", \"occurredAt\": \"2026-12-01T10:00:00Z\"}",
                interaction("b5-" + run, "APP_OPENED", identity("EMAIL", "batch-" + run + "@example.fr")))
                + "]";

        ApiClient.Response response = app().post("/api/v1/interactions", body);

        assertThat(response.status()).isEqualTo(200);
        JsonNode rows = response.json();
        assertThat(rows.size()).isEqualTo(5);
        assertThat(rows.get(0).get("status").asString()).isEqualTo("STORED");
        assertThat(rows.get(1).get("index").asInt()).isEqualTo(1);
        assertThat(rows.get(1).get("status").asString()).isEqualTo("REJECTED");
        assertThat(rows.get(1).get("reason").asString()).contains("identities[0].value").contains("not a phone");
        assertThat(rows.get(2).get("status").asString()).isEqualTo("REJECTED");
        assertThat(rows.get(2).get("reason").asString()).contains("TELEPATHY");
        assertThat(rows.get(3).get("status").asString()).isEqualTo("REJECTED");
        assertThat(rows.get(3).get("reason").asString()).contains("eventId is missing");
        assertThat(rows.get(4).get("status").asString()).isEqualTo("STORED");
        assertThat(rows.get(4).get("customerId").asString()).isEqualTo(rows.get(0).get("customerId").asString());
        assertThat(count("select count(*) from interaction where event_id in (?, ?, ?)",
                "b1-" + run, "b2-" + run, "b5-" + run)).isEqualTo(2);
    }

    @Test
    void unknownStoreRejectedByField() {
        String email = identity("EMAIL", "store-check-" + run + "@example.fr");
        String nowhere = "nowhere-" + run;
        String body = "[" + String.join(",",
                event("sc1", "STORE_VISIT", "2026-12-01T10:00:00Z", email, "{\"storeId\": \"demo-bastille\"}"),
                event("sc2", "PURCHASE", "2026-12-01T10:05:00Z", email,
                        "{\"storeId\": \"" + nowhere + "\", \"amount\": 12}"),
                event("sc3", "WEB_VISIT", "2026-12-01T10:10:00Z", email, "{}"))
                + "]";

        ApiClient.Response single = app().post("/api/v1/interactions", event("sc0", "QR_SCANNED",
                "2026-12-01T09:00:00Z", email, "{\"storeId\": \"" + nowhere + "\"}"));
        JsonNode rows = app().post("/api/v1/interactions", body).json();

        assertThat(single.status()).as(single.text()).isEqualTo(400);
        assertThat(single.json().get("field").asString()).isEqualTo("attributes.storeId");
        assertThat(single.json().get("value").asString()).isEqualTo(nowhere);
        assertThat(single.json().get("detail").asString()).contains("names no known store");
        assertThat(rows.get(0).get("status").asString()).isEqualTo("STORED");
        assertThat(rows.get(1).get("status").asString()).isEqualTo("REJECTED");
        assertThat(rows.get(1).get("eventId").asString()).isEqualTo("sc2-" + run);
        assertThat(rows.get(1).get("field").asString()).isEqualTo("attributes.storeId");
        assertThat(rows.get(1).get("value").asString()).isEqualTo(nowhere);
        assertThat(rows.get(1).get("reason").asString()).contains(nowhere, "names no known store");
        assertThat(rows.get(2).get("status").asString()).isEqualTo("STORED");
        assertThat(count("select count(*) from interaction where event_id like ?", "sc%-" + run)).isEqualTo(2);
        JsonNode attributes = marketer().get("/api/v1/customers/" + rows.get(0).get("customerId").asString())
                .json().get("attributes");
        assertThat(attributes.get("lastStoreId").asString()).isEqualTo("demo-bastille");
        assertThat(attributes.get("purchaseCount").asInt()).isZero();
    }

    @Test
    void reviewPostedRejectedFromCallers() {
        String email = identity("EMAIL", "review-check-" + run + "@example.fr");
        String body = "[" + String.join(",",
                event("rc1", "review_posted", "2026-12-01T10:00:00Z", email, "{\"rating\": 5}"),
                event("rc2", "SOCIAL_SHARE", "2026-12-01T10:05:00Z", email, "{}"))
                + "]";

        ApiClient.Response single = admin().post("/api/v1/interactions", event("rc0", "REVIEW_POSTED",
                "2026-12-01T09:00:00Z", email, "{\"rating\": 5}"));
        JsonNode rows = app().post("/api/v1/interactions", body).json();

        assertThat(single.status()).as(single.text()).isEqualTo(400);
        assertThat(single.json().get("field").asString()).isEqualTo("type");
        assertThat(single.json().get("value").asString()).isEqualTo("REVIEW_POSTED");
        assertThat(single.json().get("detail").asString()).contains("recorded by the server", "/api/v1/reviews");
        assertThat(single.json().get("detail").asString()).contains("SOCIAL_SHARE");
        assertThat(rows.get(0).get("status").asString()).isEqualTo("REJECTED");
        assertThat(rows.get(0).get("field").asString()).isEqualTo("type");
        assertThat(rows.get(0).get("value").asString()).isEqualTo("review_posted");
        assertThat(rows.get(1).get("status").asString()).isEqualTo("STORED");
        JsonNode attributes = marketer().get("/api/v1/customers/" + rows.get(1).get("customerId").asString())
                .json().get("attributes");
        assertThat(attributes.get("reviewCount").asInt()).isZero();
        assertThat(attributes.get("advocacyScore").asInt()).as("one share, no review").isEqualTo(5);
    }

    @Test
    void batchRowsNameRejectedFieldAndValue() {
        String email = identity("EMAIL", "batch-field-" + run + "@example.fr");
        String body = "[" + String.join(",",
                event("bf1", "PURCHASE", "2026-12-01T10:00:00Z", email, "{\"amount\": \"abc\"}"),
                event("bf2", "PURCHASE", "2026-12-01T10:00:00Z", email,
                        "{\"lines\": [{\"product\": \"X\", \"quantity\": 1.5, \"amount\": 3}]}"),
                interaction("bf3-" + run, "WEB_VISIT", identity("PHONE", "not a phone")),
                """
                {"eventId": "bf4-%s", "type": "APP_OPENED", "occurredAt": "2026-12-01T10:00:00Z",
                 "customerId": "nobody-%s"}""".formatted(run, run),
                interaction("bf5-" + run, "WEB_VISIT", email))
                + "]";

        JsonNode rows = app().post("/api/v1/interactions", body).json();

        assertThat(rows.get(0).get("status").asString()).isEqualTo("REJECTED");
        assertThat(rows.get(0).get("field").asString()).isEqualTo("attributes.amount");
        assertThat(rows.get(0).get("value").asString()).isEqualTo("\"abc\"");
        assertThat(rows.get(1).get("field").asString()).isEqualTo("attributes.lines[0].quantity");
        assertThat(rows.get(1).get("value").asString()).isEqualTo("1.5");
        assertThat(rows.get(2).get("field").asString()).isEqualTo("identities[0].value");
        assertThat(rows.get(2).get("value").asString()).isEqualTo("not a phone");
        assertThat(rows.get(3).get("status").asString()).isEqualTo("REJECTED");
        assertThat(rows.get(3).get("field").asString()).isEqualTo("customerId");
        assertThat(rows.get(3).get("value").asString()).isEqualTo("nobody-" + run);
        assertThat(rows.get(4).get("status").asString()).isEqualTo("STORED");
        assertThat(rows.get(4).get("field").isNull()).isTrue();
        assertThat(rows.get(4).get("value").isNull()).isTrue();
    }

    @Test
    void replayedEventIsDuplicateAndCountedOnce() {
        String event = interaction("r1-" + run, "STORE_VISIT", identity("EMAIL", "replay-" + run + "@example.fr"));

        JsonNode first = app().post("/api/v1/interactions", event).json();
        JsonNode replay = app().post("/api/v1/interactions", event).json();
        JsonNode inBatch = app().post("/api/v1/interactions", "[" + event + "," + event + "]").json();

        assertThat(first.get("status").asString()).isEqualTo("STORED");
        assertThat(replay.get("status").asString()).isEqualTo("DUPLICATE");
        assertThat(replay.get("customerId").asString()).isEqualTo(first.get("customerId").asString());
        assertThat(inBatch.get(0).get("status").asString()).isEqualTo("DUPLICATE");
        assertThat(inBatch.get(1).get("status").asString()).isEqualTo("DUPLICATE");
        JsonNode profile = marketer().get("/api/v1/customers/" + first.get("customerId").asString()).json();
        assertThat(profile.get("attributes").get("interactionCount").asInt()).isEqualTo(1);
    }

    @Test
    void identitiesAreNormalisedOnTheWayIn() {
        String event = interaction("n1-" + run, "APP_INSTALLED",
                identity("EMAIL", "  Norm." + run.toUpperCase() + "@Example.FR "), identity("PHONE", "06 71 23 45 67"));
        String samePerson = interaction("n2-" + run, "APP_OPENED", identity("PHONE", "+33 6 71 23 45 67"));

        JsonNode stored = app().post("/api/v1/interactions", event).json();
        JsonNode second = app().post("/api/v1/interactions", samePerson).json();

        JsonNode profile = marketer().get("/api/v1/customers/" + stored.get("customerId").asString()).json();
        assertThat(second.get("customerId").asString()).isEqualTo(stored.get("customerId").asString());
        assertThat(values(profile.get("identities"))).contains("EMAIL:norm." + run + "@example.fr",
                "PHONE:+33671234567");
    }

    @Test
    void invalidSingleInteractionIsRejectedWithItsField() {
        ApiClient.Response response = app().post("/api/v1/interactions",
                interaction("i1-" + run, "WEB_VISIT", identity("EMAIL", "no-at-sign.example.fr")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).contains("application/problem+json");
        assertThat(response.json().get("field").asString()).isEqualTo("identities[0].value");
        assertThat(count("select count(*) from interaction where event_id = ?", "i1-" + run)).isZero();
    }

    @Test
    void amountBeyondDoubleRangeIsRejected() {
        ApiClient.Response response = app().post("/api/v1/interactions", event("big-amount", "PURCHASE",
                "2026-12-01T10:00:00Z", identity("EMAIL", "big-amount-" + run + "@example.fr"), "{\"amount\": 1e400}"));

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("attributes.amount");
        assertThat(response.json().get("detail").asString()).endsWith("got 1E+400");
    }

    @Test
    void amountBeyondCentsIsNeverRounded() {
        String email = identity("EMAIL", "cents-" + run + "@example.fr");
        ApiClient.Response amount = app().post("/api/v1/interactions", event("cents", "PURCHASE",
                "2026-12-01T10:00:00Z", email, "{\"amount\": 12.3400000000000000001}"));
        ApiClient.Response line = app().post("/api/v1/interactions", event("cents-line", "PURCHASE",
                "2026-12-01T10:00:00Z", email, "{\"lines\": [{\"product\": \"x\", \"amount\": 1e-400}]}"));

        assertThat(amount.status()).as(amount.text()).isEqualTo(400);
        assertThat(amount.json().get("field").asString()).isEqualTo("attributes.amount");
        assertThat(line.status()).as(line.text()).isEqualTo(400);
        assertThat(line.json().get("field").asString()).isEqualTo("attributes.lines[0].amount");
    }

    @Test
    void duplicateKeyInBatchNamesItsPath() {
        ApiClient.Response response = app().post("/api/v1/interactions", "[" + interaction("dup-key-" + run,
                "WEB_VISIT", "{\"type\": \"EMAIL\", \"value\": \"a-" + run + "@example.fr\", \"value\": \"b-"
                        + run + "@example.fr\"}") + "]");

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("[0].identities[0].value");
    }

    @Test
    void unknownCustomerIdIsNotFound() {
        ApiClient.Response single = app().post("/api/v1/interactions", """
                {"eventId": "u1-%s", "type": "WEB_VISIT", "occurredAt": "2026-12-01T10:00:00Z",
                 "customerId": "nobody-%s"}""".formatted(run, run));
        ApiClient.Response read = marketer().get("/api/v1/customers/nobody-" + run);

        assertThat(single.status()).isEqualTo(404);
        assertThat(read.status()).isEqualTo(404);
        assertThat(read.json().get("value").asString()).isEqualTo("nobody-" + run);
    }

    @Test
    void rolesGuardTheDatamart() {
        String event = interaction("g1-" + run, "WEB_VISIT", identity("EMAIL", "roles-" + run + "@example.fr"));

        assertThat(marketer().post("/api/v1/interactions", event).status()).isEqualTo(403);
        assertThat(app().get("/api/v1/customers/demo-bob").status()).isEqualTo(403);
        assertThat(anonymous().get("/api/v1/customers/demo-bob").status()).isEqualTo(401);
        assertThat(marketer().get("/api/v1/customers/demo-bob").status()).isEqualTo(200);
        assertThat(app().get("/api/v1/customers/demo-bob/preferences").status()).isEqualTo(200);
    }

    @Test
    void misspeltFieldsAreRejectedByName() {
        String customerId = newCustomer("misspelt");
        app().put("/api/v1/customers/" + customerId + "/preferences", "{\"language\": \"fr\"}");
        String eventId = "mis-" + run;
        String misspeltEvent = "{\"eventId\": \"" + eventId + "\", \"type\": \"WEB_VISIT\", "
                + "\"customerId\": \"" + customerId + "\", \"atributes\": {\"page\": \"/\"}}";
        String misspeltIdentity = interaction(eventId + "-b", "WEB_VISIT",
                "{\"type\": \"EMAIL\", \"value\": \"mis-" + run + "@example.fr\", \"verified\": true}");

        ApiClient.Response event = app().post("/api/v1/interactions", misspeltEvent);
        ApiClient.Response identity = app().post("/api/v1/interactions", misspeltIdentity);
        ApiClient.Response preferences = app().put("/api/v1/customers/" + customerId + "/preferences", """
                {"language": "en", "quietHours": {"start": "22:00", "end": "07:00", "zone": "Europe/Paris"}}""");

        assertThat(event.status()).as(event.text()).isEqualTo(400);
        assertThat(event.json().get("field").asString()).isEqualTo("atributes");
        assertThat(event.json().get("value").asString()).isEqualTo("{\"page\":\"/\"}");
        assertThat(identity.status()).as(identity.text()).isEqualTo(400);
        assertThat(identity.json().get("field").asString()).isEqualTo("identities[0].verified");
        assertThat(preferences.status()).as(preferences.text()).isEqualTo(400);
        assertThat(preferences.json().get("field").asString()).isEqualTo("quietHours.zone");
        assertThat(count("select count(*) from interaction where event_id like ?", eventId + "%")).isZero();
        assertThat(marketer().get("/api/v1/customers/" + customerId).json().get("preferences").get("language")
                .asString()).isEqualTo("fr");
    }

    @Test
    void consentDatedInTheFutureIsRejected() {
        String customerId = newCustomer("future-consent");

        ApiClient.Response response = app().post("/api/v1/customers/" + customerId + "/consents", """
                {"purpose": "MARKETING", "channel": "SMS", "status": "GRANTED", "source": "crm-sync",
                 "recordedAt": "2099-01-01T00:00:00Z"}""");

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("recordedAt");
        assertThat(response.json().get("value").asString()).isEqualTo("2099-01-01T00:00:00Z");
        assertThat(app().get("/api/v1/customers/" + customerId + "/consents").json().get("history").size()).isZero();
    }

    @Test
    void consentHistoryKeepsEveryDecision() {
        String customerId = newCustomer("consent");

        app().post("/api/v1/customers/" + customerId + "/consents", """
                {"purpose": "MARKETING", "channel": "SMS", "status": "GRANTED", "source": "store-form",
                 "recordedAt": "2026-11-01T09:00:00Z"}""");
        app().post("/api/v1/customers/" + customerId + "/consents", """
                {"purpose": "MARKETING", "channel": "SMS", "status": "WITHDRAWN", "source": "sms-stop-reply",
                 "recordedAt": "2026-11-20T09:00:00Z"}""");
        ApiClient.Response location = app().post("/api/v1/customers/" + customerId + "/consents", """
                {"purpose": "PRECISE_LOCATION", "status": "GRANTED", "source": "app-settings"}""");

        assertThat(location.status()).isEqualTo(201);
        JsonNode consents = app().get("/api/v1/customers/" + customerId + "/consents").json();
        assertThat(consents.get("history").size()).isEqualTo(3);
        assertThat(consents.get("history").get(0).get("status").asString()).isEqualTo("GRANTED");
        assertThat(consents.get("history").get(1).get("source").asString()).isEqualTo("sms-stop-reply");
        assertThat(values(consents.get("current"), "purpose", "status"))
                .containsExactly("MARKETING:WITHDRAWN", "PRECISE_LOCATION:GRANTED");
    }

    @Test
    void consentWithoutChannelForMarketingIsRejected() {
        String customerId = newCustomer("consent-bad");

        ApiClient.Response response = app().post("/api/v1/customers/" + customerId + "/consents", """
                {"purpose": "MARKETING", "status": "GRANTED", "source": "app"}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("channel");
        assertThat(app().get("/api/v1/customers/" + customerId + "/consents").json().get("history").size()).isZero();
    }

    @Test
    void preferencesChangeThroughTheApi() {
        String customerId = newCustomer("prefs");

        ApiClient.Response changed = app().put("/api/v1/customers/" + customerId + "/preferences", """
                {"channels": ["SMS", "EMAIL"], "language": "en", "timeZone": "America/Martinique",
                 "quietHours": {"start": "21:30", "end": "08:00"}}""");
        ApiClient.Response invalid = app().put("/api/v1/customers/" + customerId + "/preferences", """
                {"language": "de"}""");
        ApiClient.Response invalidZone = app().put("/api/v1/customers/" + customerId + "/preferences", """
                {"timeZone": "Mars/Olympus"}""");

        assertThat(changed.status()).isEqualTo(200);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("field").asString()).isEqualTo("language");
        assertThat(invalid.json().get("value").asString()).isEqualTo("de");
        assertThat(invalidZone.status()).isEqualTo(400);
        assertThat(invalidZone.json().get("value").asString()).isEqualTo("Mars/Olympus");
        JsonNode preferences = marketer().get("/api/v1/customers/" + customerId).json().get("preferences");
        assertThat(values(preferences.get("channels"))).containsExactly("SMS", "EMAIL");
        assertThat(preferences.get("language").asString()).isEqualTo("en");
        assertThat(preferences.get("timeZone").asString()).isEqualTo("America/Martinique");
        assertThat(preferences.get("quietHours").get("start").asString()).as("as sent").isEqualTo("21:30");
    }

    @Test
    void concurrentEventsForOnePersonLoseNothing() throws Exception {
        String email = "crowd-" + run + "@example.fr";
        app().post("/api/v1/interactions", interaction("c0-" + run, "APP_REGISTERED", identity("EMAIL", email)));
        int threads = 6;
        int eventsPerThread = 12;

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Integer>>> writers = new ArrayList<>();
        for (int thread = 0; thread < threads; thread++) {
            int writer = thread;
            writers.add(pool.submit(() -> postCrowdEvents(writer, eventsPerThread, email)));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<List<Integer>> writer : writers) {
            statuses.addAll(writer.get(120, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(statuses).hasSize(threads * eventsPerThread).containsOnly(200);
        String prefix = "c%-" + run;
        assertThat(count("select count(*) from interaction where event_id like ?", prefix))
                .isEqualTo(1 + threads * eventsPerThread);
        assertThat(count("select count(distinct customer_id) from interaction where event_id like ?", prefix))
                .isEqualTo(1);
        String customerId = jdbc.queryForObject("select customer_id from customer_identity where identity_value = ?",
                String.class, email);
        JsonNode profile = marketer().get("/api/v1/customers/" + customerId).json();
        assertThat(profile.get("attributes").get("interactionCount").asInt()).isEqualTo(1 + threads * eventsPerThread);
        assertThat(profile.get("attributes").get("purchaseCount").asInt()).isEqualTo(threads * eventsPerThread / 2);
        assertThat(profile.get("attributes").get("monetaryValue").decimalValue().intValue())
                .isEqualTo(threads * eventsPerThread / 2 * 10);
        assertThat(profile.get("mergedFrom").size()).as("one anonymous phone profile per writer").isEqualTo(threads);
        List<String> identities = values(profile.get("identities"));
        for (int thread = 0; thread < threads; thread++) {
            assertThat(identities).contains("PHONE:" + crowdPhone(thread));
        }
        assertThat(count("select count(*) from customer_identity where identity_value like ?", "device-" + run + "%"))
                .isEqualTo(threads * eventsPerThread);
        assertThat(count("select count(distinct customer_id) from customer_identity where identity_value like ?",
                "device-" + run + "%")).isEqualTo(1);
    }

    @Test
    void concurrentBatchesForSamePeopleLoseNothing() throws Exception {
        int writers = 4;
        int people = 5;
        int eventsPerWriter = 60;

        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int writer = 0; writer < writers; writer++) {
            StringBuilder batch = new StringBuilder("[");
            for (int event = 0; event < eventsPerWriter; event++) {
                String email = "batch-crowd-" + (event % people) + "-" + run + "@example.fr";
                batch.append(event == 0 ? "" : ",").append(event("bc" + writer + "x" + event, "PURCHASE",
                        "2026-12-01T10:00:00Z", identity("EMAIL", email), "{\"amount\": 2}"));
            }
            String body = batch.append("]").toString();
            statuses.add(pool.submit(() -> app().post("/api/v1/interactions", body).status()));
        }
        for (Future<Integer> status : statuses) {
            assertThat(status.get(120, TimeUnit.SECONDS)).isEqualTo(200);
        }
        pool.shutdown();

        assertThat(count("select count(*) from interaction where event_id like ?", "bc%-" + run))
                .isEqualTo(writers * eventsPerWriter);
        assertThat(count("select count(distinct customer_id) from customer_identity where identity_value like ?",
                "batch-crowd-%-" + run + "@example.fr")).as("one profile per person").isEqualTo(people);
        for (int person = 0; person < people; person++) {
            String customerId = jdbc.queryForObject("select customer_id from customer_identity "
                    + "where identity_value = ?", String.class, "batch-crowd-" + person + "-" + run + "@example.fr");
            JsonNode attributes = marketer().get("/api/v1/customers/" + customerId).json().get("attributes");
            assertThat(attributes.get("purchaseCount").asInt()).isEqualTo(writers * eventsPerWriter / people);
            assertThat(attributes.get("monetaryValue").decimalValue().intValue())
                    .isEqualTo(writers * eventsPerWriter / people * 2);
        }
    }

    @Test
    void batchWithMergeStoresEveryRow() {
        String email = "batch-merge-" + run + "@example.fr";
        String phone = "+3362" + String.format("%07d", Math.abs(run.hashCode() % 10_000_000));
        String known = app().post("/api/v1/interactions", interaction("bm0-" + run, "APP_REGISTERED",
                identity("EMAIL", email))).json().get("customerId").asString();
        String anonymous = app().post("/api/v1/interactions", interaction("bm1-" + run, "QR_SCANNED",
                identity("PHONE", phone))).json().get("customerId").asString();
        String body = "[" + String.join(",",
                interaction("bm2-" + run, "WEB_VISIT", identity("EMAIL", email)),
                interaction("bm3-" + run, "APP_OPENED", identity("EMAIL", email), identity("PHONE", phone)),
                interaction("bm4-" + run, "WEB_VISIT", identity("PHONE", phone)),
                interaction("bm5-" + run, "WEB_VISIT", identity("EMAIL", "batch-other-" + run + "@example.fr")))
                + "]";

        JsonNode rows = app().post("/api/v1/interactions", body).json();

        for (int index = 0; index < 3; index++) {
            assertThat(rows.get(index).get("status").asString()).isEqualTo("STORED");
            assertThat(rows.get(index).get("customerId").asString()).isEqualTo(known);
        }
        assertThat(rows.get(3).get("status").asString()).isEqualTo("STORED");
        assertThat(rows.get(3).get("customerId").asString()).isNotEqualTo(known);
        JsonNode profile = marketer().get("/api/v1/customers/" + anonymous).json();
        assertThat(profile.get("customerId").asString()).isEqualTo(known);
        assertThat(profile.get("attributes").get("interactionCount").asInt()).isEqualTo(5);
    }

    @Test
    void mergeMovesRowsOfEveryFeature() {
        String email = "merge-rows-" + run + "@example.fr";
        String phone = "+3365" + String.format("%07d", Math.abs(run.hashCode() % 10_000_000));
        String survivorId = "merge-old-" + run;
        String absorbedId = "merge-new-" + run;
        Customer survivor = new Customer(survivorId, null, LoyaltyTier.BRONZE, Language.FR, ZoneId.of("Europe/Paris"),
                Instant.parse("2026-01-01T00:00:00Z"));
        survivor.addIdentity(IdentityType.EMAIL, email);
        Customer absorbed = new Customer(absorbedId, null, LoyaltyTier.GOLD, Language.FR, ZoneId.of("Europe/Paris"),
                Instant.parse("2026-02-01T00:00:00Z"));
        absorbed.addIdentity(IdentityType.PHONE, phone);
        absorbed.preferChannels(List.of(Channel.PUSH));
        absorbed.recordConsent(ConsentPurpose.MARKETING, Channel.PUSH, ConsentStatus.GRANTED, "test",
                Instant.parse("2026-02-01T00:00:00Z"));
        customers.saveAll(List.of(survivor, absorbed));
        JsonNode decision = app().post("/api/v1/decisions", """
                {"customerId": "%s", "channel": "PUSH", "latitude": 48.85, "longitude": 2.35,
                 "at": "2026-12-04T09:15:00Z", "maxOffers": 1}""".formatted(absorbedId)).json();
        String couponCode = decision.get("offers").get(0).get("couponCode").asString();
        String deliveryId = "merge-delivery-" + run;
        jdbc.update("insert into delivery (delivery_id, decision_id, customer_id, offer_id, channel, status, message, "
                        + "created_at) values (?, ?, ?, ?, 'PUSH', 'SENT', 'Bienvenue', ?)", deliveryId,
                decision.get("decisionId").asString(), absorbedId, decision.get("offers").get(0).get("offerId").asString(),
                Timestamp.from(Instant.parse("2026-12-04T09:15:01Z")));
        List<String> deliveriesBefore = deliveryIds(absorbedId);
        jdbc.update("insert into loyalty_account (customer_id, balance, lifetime_points, tier, last_activity, version) "
                + "values (?, 10, 10, 'BRONZE', ?, 0)", survivorId, Timestamp.from(Instant.parse("2026-03-01T00:00:00Z")));
        jdbc.update("insert into loyalty_account (customer_id, balance, lifetime_points, tier, last_activity, version) "
                + "values (?, 5, 7, 'SILVER', ?, 0)", absorbedId, Timestamp.from(Instant.parse("2026-04-01T00:00:00Z")));

        JsonNode merged = app().post("/api/v1/interactions", interaction("mr-" + run, "APP_REGISTERED",
                identity("EMAIL", email), identity("PHONE", phone))).json();

        assertThat(merged.get("customerId").asString()).isEqualTo(survivorId);
        assertThat(deliveriesBefore).contains(deliveryId);
        assertThat(deliveryIds(survivorId)).containsAll(deliveriesBefore);
        assertThat(deliveryIds(absorbedId)).as("the absorbed id reaches the survivor's deliveries")
                .containsAll(deliveriesBefore);
        assertThat(jdbc.queryForObject("select customer_id from coupon where code = ?", String.class, couponCode))
                .isEqualTo(survivorId);
        assertThat(jdbc.queryForObject("select customer_id from decision_record where decision_id = ?", String.class,
                decision.get("decisionId").asString())).isEqualTo(survivorId);
        JsonNode loyalty = admin().get("/api/v1/customers/" + survivorId + "/loyalty").json();
        assertThat(loyalty.get("balance").asLong()).isEqualTo(15);
        assertThat(loyalty.get("lifetimePoints").asLong()).isEqualTo(17);
        for (Map.Entry<String, String> table : MergedProfileRows.MOVED_TABLES.entrySet()) {
            assertThat(count("select count(*) from " + table.getKey() + " where " + table.getValue() + " = ?",
                    absorbedId)).as(table.getKey()).isZero();
        }
        assertThat(count("select count(*) from loyalty_account where customer_id = ?", absorbedId)).isZero();
    }

    @Test
    void absorbedIdStillNamesItsPersonAfterAMerge() {
        String email = "merge-alias-" + run + "@example.fr";
        String phone = "+3364" + String.format("%07d", Math.abs(run.hashCode() % 10_000_000));
        String survivorId = "alias-old-" + run;
        String absorbedId = "alias-new-" + run;
        Customer survivor = new Customer(survivorId, null, LoyaltyTier.BRONZE, Language.FR, ZoneId.of("Europe/Paris"),
                Instant.parse("2026-01-01T00:00:00Z"));
        survivor.addIdentity(IdentityType.EMAIL, email);
        Customer absorbed = new Customer(absorbedId, null, LoyaltyTier.BRONZE, Language.FR,
                ZoneId.of("Europe/Paris"), Instant.parse("2026-02-01T00:00:00Z"));
        absorbed.addIdentity(IdentityType.PHONE, phone);
        customers.saveAll(List.of(survivor, absorbed));
        app().post("/api/v1/interactions", interaction("alias-" + run, "APP_REGISTERED", identity("EMAIL", email),
                identity("PHONE", phone)));

        ApiClient.Response registered = app().put("/api/v1/customers/" + absorbedId + "/devices/alias-phone-" + run,
                "{\"platform\": \"FCM\", \"token\": \"token-" + run + "\"}");
        ApiClient.Response listed = app().get("/api/v1/customers/" + absorbedId + "/devices");

        assertThat(registered.status()).as(registered.text()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select customer_id from device_token where installation_id = ?",
                String.class, "alias-phone-" + run)).isEqualTo(survivorId);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get(0).get("installationId").asString()).isEqualTo("alias-phone-" + run);
    }

    @Test
    void mergeKeepsOneVisitPerStoreAndDay() {
        String email = "merge-visits-" + run + "@example.fr";
        String phone = "+3365" + String.format("%07d", Math.abs(run.hashCode() % 10_000_000));
        String survivorId = "visits-old-" + run;
        String absorbedId = "visits-new-" + run;
        Customer survivor = new Customer(survivorId, null, LoyaltyTier.BRONZE, Language.FR, ZoneId.of("Europe/Paris"),
                Instant.parse("2026-01-01T00:00:00Z"));
        survivor.addIdentity(IdentityType.EMAIL, email);
        Customer absorbed = new Customer(absorbedId, null, LoyaltyTier.BRONZE, Language.FR,
                ZoneId.of("Europe/Paris"), Instant.parse("2026-02-01T00:00:00Z"));
        absorbed.addIdentity(IdentityType.PHONE, phone);
        customers.saveAll(List.of(survivor, absorbed));
        String insert = "insert into store_visit (visit_id, customer_id, store_id, visited_at, visit_day) "
                + "values (?, ?, 'demo-bastille', ?, ?)";
        jdbc.update(insert, "mv1-" + run, survivorId, OffsetDateTime.parse("2026-11-20T09:00:00Z"),
                Date.valueOf("2026-11-20"));
        jdbc.update(insert, "mv2-" + run, absorbedId, OffsetDateTime.parse("2026-11-20T15:00:00Z"),
                Date.valueOf("2026-11-20"));
        jdbc.update(insert, "mv3-" + run, absorbedId, OffsetDateTime.parse("2026-11-21T15:00:00Z"),
                Date.valueOf("2026-11-21"));

        ApiClient.Response merged = app().post("/api/v1/interactions", interaction("mv-" + run, "APP_REGISTERED",
                identity("EMAIL", email), identity("PHONE", phone)));

        assertThat(merged.status()).as(merged.text()).isEqualTo(200);
        assertThat(merged.json().get("customerId").asString()).isEqualTo(survivorId);
        assertThat(jdbc.queryForList("select visit_id from store_visit where customer_id = ? order by visit_id",
                String.class, survivorId)).as("the absorbed visit of a day already counted is dropped")
                .containsExactly("mv1-" + run, "mv3-" + run);
        assertThat(count("select count(*) from store_visit where customer_id = ?", absorbedId)).isZero();
    }

    private List<String> deliveryIds(String customerId) {
        List<String> ids = new ArrayList<>();
        for (JsonNode delivery : app().get("/api/v1/customers/" + customerId + "/deliveries").json()) {
            ids.add(delivery.get("deliveryId").asString());
        }
        return ids;
    }

    @Test
    void everyCustomerColumnIsMovedOnMerge() {
        List<String> tables = jdbc.queryForList("select lower(table_name) from information_schema.columns "
                + "where lower(column_name) in ('customer_id', 'sharer_id', 'friend_id') "
                + "and lower(table_schema) = 'public'", String.class);

        Set<String> handled = new HashSet<>(MergedProfileRows.MOVED_TABLES.keySet());
        handled.addAll(MergedProfileRows.MERGED_TABLES);
        handled.addAll(MergedProfileRows.PROFILE_TABLES);
        assertThat(tables).contains("delivery", "coupon", "decision_record", "location_event");
        assertThat(handled).as("tables with a customer column that a merge must move")
                .containsAll(new HashSet<>(tables));
    }

    private List<Integer> postCrowdEvents(int writer, int events, String email) {
        List<Integer> statuses = new ArrayList<>();
        for (int event = 0; event < events; event++) {
            boolean linksEmail = event % 3 == 2 || event == events - 1;
            String eventId = "c" + writer + "x" + event + "-" + run;
            String type = event % 2 == 0 ? "PURCHASE" : "APP_OPENED";
            String identities = identity("PHONE", crowdPhone(writer)) + ","
                    + identity("DEVICE_TOKEN", "device-" + run + "-" + writer + "-" + event)
                    + (linksEmail ? "," + identity("EMAIL", email) : "");
            String body = """
                    {"eventId": "%s", "type": "%s", "occurredAt": "2026-12-01T10:%02d:00Z", "identities": [%s],
                     "attributes": {"amount": 10}}""".formatted(eventId, type, event, identities);
            statuses.add(app().post("/api/v1/interactions", body).status());
        }
        return statuses;
    }

    private String crowdPhone(int writer) {
        return "+3361" + String.format("%07d", Math.abs(run.hashCode() % 100_000) * 10 + writer);
    }

    /** Records a consent decision as an app would, then starts an import of {@code csv}; returns the job id. */
    private String importAfterConsent(String customerId, String channel, String status, String source, String csv) {
        ApiClient.Response decision = app().post("/api/v1/customers/" + customerId + "/consents", """
                {"purpose": "MARKETING", "channel": "%s", "status": "%s", "source": "%s"}"""
                .formatted(channel, status, source));
        assertThat(decision.status()).as(decision.text()).isEqualTo(201);
        return marketer().post("/api/v1/customer-imports?fileName=crm.csv", csv, "text/csv").json().get("jobId")
                .asString();
    }

    String newCustomer(String purpose) {
        JsonNode stored = app().post("/api/v1/interactions", interaction(purpose + "-" + run, "APP_REGISTERED",
                identity("EMAIL", purpose + "-" + run + "@example.fr"))).json();
        return stored.get("customerId").asString();
    }

    int count(String sql, Object... arguments) {
        return jdbc.queryForObject(sql, Integer.class, arguments);
    }

    static String interaction(String eventId, String type, String... identities) {
        return """
                {"eventId": "%s", "type": "%s", "occurredAt": "2026-12-01T10:00:00Z", "identities": [%s]}"""
                .formatted(eventId, type, String.join(",", identities));
    }

    String event(String id, String type, String occurredAt, String identity, String attributes) {
        return """
                {"eventId": "%s-%s", "type": "%s", "occurredAt": "%s", "identities": [%s], "attributes": %s}"""
                .formatted(id, run, type, occurredAt, identity, attributes);
    }

    static String identity(String type, String value) {
        return "{\"type\": \"" + type + "\", \"value\": \"" + value + "\"}";
    }

    static List<String> values(JsonNode array) {
        List<String> values = new ArrayList<>();
        for (JsonNode item : array) {
            values.add(item.isString() ? item.asString()
                    : item.get("type").asString() + ":" + item.get("value").asString());
        }
        return values;
    }

    static List<String> values(JsonNode array, String first, String second) {
        List<String> values = new ArrayList<>();
        for (JsonNode item : array) {
            values.add(item.get(first).asString() + ":" + item.get(second).asString());
        }
        return values;
    }
}
