package io.solomo.decision.segment;

import io.solomo.decision.profile.CustomerRepository;
import io.solomo.decision.profile.DecisionProfiles;
import io.solomo.decision.support.DemoServer;
import io.solomo.decision.support.SettableClock;
import io.solomo.decision.support.TestCustomers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The segment API scenarios, run by a subclass on H2 and by another on PostgreSQL, with a clock that does not move, so
 * that day boundaries are exact. Each scenario gives its customers a visit count of its own and makes every segment
 * test it, so that the scenarios share the database without seeing each other's customers.
 */
@Import(SettableClock.Configuration.class)
abstract class SegmentScenarios extends DemoServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CustomerRepository customers;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    Clock clock;

    @Autowired
    DecisionProfiles decisionProfiles;

    @Test
    void createdSegmentIsReadAndReplacedWithETag() {
        String segmentId = "seg-" + UUID.randomUUID();

        Reply created = send("marketer", "POST", "/api/v1/segments", """
                {"segmentId": "%s", "nameFr": "Fidèles", "nameEn": "Regulars", "description": "Five visits",
                 "conditions": [{"field": "visitCount", "operator": ">=", "value": 5},
                                {"field": "loyaltyTier", "operator": "in", "value": ["gold", "PLATINUM"]}]}"""
                .formatted(segmentId), null);
        Reply read = send("analyst", "GET", "/api/v1/segments/" + segmentId, null, null);
        Reply withoutTag = send("marketer", "PUT", "/api/v1/segments/" + segmentId, renamed("Habitués"), null);
        Reply replaced = send("marketer", "PUT", "/api/v1/segments/" + segmentId, renamed("Habitués"), "\"0\"");
        Reply stale = send("marketer", "PUT", "/api/v1/segments/" + segmentId, renamed("Anciens"), "\"0\"");
        Reply overwritten = send("marketer", "PUT", "/api/v1/segments/" + segmentId, renamed("Tous"), "*");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.eTag()).isEqualTo("\"0\"");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.eTag()).isEqualTo("\"0\"");
        assertThat(read.json().get("nameFr").asString()).isEqualTo("Fidèles");
        assertThat(read.json().get("description").asString()).isEqualTo("Five visits");
        assertThat(read.json().get("memberCount").isNumber()).isTrue();
        assertThat(read.json().get("conditions").get(1).get("value").get(0).asString()).isEqualTo("GOLD");
        assertThat(read.json().get("conditions").get(0).get("value").intValue()).isEqualTo(5);
        assertThat(withoutTag.status()).isEqualTo(428);
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.eTag()).isEqualTo("\"1\"");
        assertThat(replaced.json().get("nameFr").asString()).isEqualTo("Habitués");
        assertThat(replaced.json().get("conditions").size()).isEqualTo(1);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().get("currentETag").asString()).isEqualTo("\"1\"");
        assertThat(overwritten.status()).isEqualTo(200);
        assertThat(overwritten.eTag()).isEqualTo("\"2\"");
    }

    @Test
    void duplicateAndUnknownIds() {
        String segmentId = "dup-" + UUID.randomUUID();
        String body = segmentBody(segmentId, "[{\"field\": \"anonymous\", \"operator\": \"=\", \"value\": false}]");

        assertThat(send("marketer", "POST", "/api/v1/segments", body, null).status()).isEqualTo(201);
        assertThat(send("marketer", "POST", "/api/v1/segments", body, null).status()).isEqualTo(409);
        assertThat(send("marketer", "GET", "/api/v1/segments/no-such-segment", null, null).status())
                .isEqualTo(404);
        assertThat(send("marketer", "GET", "/api/v1/segments/no-such-segment/members", null, null).status())
                .isEqualTo(404);
        assertThat(send("marketer", "PUT", "/api/v1/segments/no-such-segment", renamed("Aucun"), "*").status())
                .isEqualTo(404);
    }

    @Test
    void onlyMarketersAndAdminsWrite() {
        String body = segmentBody("roles-" + UUID.randomUUID(),
                "[{\"field\": \"anonymous\", \"operator\": \"=\", \"value\": true}]");

        assertThat(send("analyst", "POST", "/api/v1/segments", body, null).status()).isEqualTo(403);
        assertThat(send("app", "GET", "/api/v1/segments", null, null).status()).isEqualTo(403);
        assertThat(send("admin", "POST", "/api/v1/segments", body, null).status()).isEqualTo(201);
        assertThat(send("analyst", "GET", "/api/v1/segments?limit=500", null, null).status()).isEqualTo(200);
    }

    @Test
    void invalidConditionsNameFieldAndValue() {
        List<InvalidCase> cases = List.of(
                new InvalidCase("""
                        [{"field": "anonymous", "operator": "=", "value": false},
                         {"field": "shoeSize", "operator": "=", "value": 42}]""", "conditions[1].field", "shoeSize"),
                new InvalidCase("""
                        [{"field": "anonymous", "operator": "=", "value": false},
                         {"field": "visitCount", "operator": "in", "value": [1, 2]}]""",
                        "conditions[1].operator", "in"),
                new InvalidCase("[{\"field\": \"engagementScore\", \"operator\": \"=\", \"value\": 3}]",
                        "conditions[0].operator", "="),
                new InvalidCase("[{\"field\": \"visitCount\", \"operator\": \"=>\", \"value\": 3}]",
                        "conditions[0].operator", "=>"),
                new InvalidCase("[{\"field\": \"visitCount\", \"operator\": \">=\", \"value\": \"five\"}]",
                        "conditions[0].value", "five"),
                new InvalidCase("[{\"field\": \"visitCount\", \"operator\": \">=\", \"value\": 2.5}]",
                        "conditions[0].value", "2.5"),
                new InvalidCase("[{\"field\": \"visitCount\", \"operator\": \">=\", \"value\": -1}]",
                        "conditions[0].value", "-1"),
                new InvalidCase("[{\"field\": \"advocacyScore\", \"operator\": \">=\", \"value\": 101}]",
                        "conditions[0].value", "101"),
                new InvalidCase("[{\"field\": \"monetaryTotal\", \"operator\": \">=\", \"value\": 10.005}]",
                        "conditions[0].value", "10.005"),
                new InvalidCase("[{\"field\": \"loyaltyTier\", \"operator\": \"=\", \"value\": \"DIAMOND\"}]",
                        "conditions[0].value", "DIAMOND"),
                new InvalidCase("[{\"field\": \"loyaltyTier\", \"operator\": \"=\", \"value\": [\"GOLD\"]}]",
                        "conditions[0].value", "[\"GOLD\"]"),
                new InvalidCase("[{\"field\": \"loyaltyTier\", \"operator\": \"in\", \"value\": [\"GOLD\", 3]}]",
                        "conditions[0].value[1]", "3"),
                new InvalidCase("[{\"field\": \"marketingConsent\", \"operator\": \"in\", \"value\": []}]",
                        "conditions[0].value", "[]"),
                new InvalidCase("[{\"field\": \"anonymous\", \"operator\": \"=\", \"value\": \"yes\"}]",
                        "conditions[0].value", "yes"),
                new InvalidCase("[{\"field\": \"anonymous\", \"operator\": \"=\"}]", "conditions[0].value", null),
                new InvalidCase("[{\"field\": \"lastStoreId\", \"operator\": \"=\", \"value\": \"no-such-store\"}]",
                        "conditions[0].value", "no-such-store"),
                new InvalidCase("[{\"field\": \"anonymous\", \"operator\": \"=\", \"value\": true, \"not\": 1}]",
                        "conditions[0].not", "not"),
                new InvalidCase("[]", "conditions", "[]"));

        for (InvalidCase invalid : cases) {
            Reply reply = send("marketer", "POST", "/api/v1/segments",
                    segmentBody("bad-" + UUID.randomUUID(), invalid.conditions()), null);

            assertThat(reply.status()).as(invalid.conditions()).isEqualTo(400);
            assertThat(reply.json().get("field").asString()).as(invalid.conditions()).isEqualTo(invalid.field());
            if (invalid.value() == null) {
                assertThat(reply.json().get("value").isNull()).as(invalid.conditions()).isTrue();
            } else {
                assertThat(reply.json().get("value").asString()).as(invalid.conditions()).isEqualTo(invalid.value());
            }
        }
    }

    @Test
    void memberCountLeavesOutErasedProfiles() {
        int visits = uniqueVisitCount();
        String first = customer(Map.of("visit_count", visits));
        String second = customer(Map.of("visit_count", visits));
        String erased = customer(Map.of("visit_count", visits));
        jdbc.update("update customer set erased_at = ?, anonymous = true where customer_id = ?",
                Timestamp.from(clock.instant()), erased);
        String segmentId = create("[{\"field\": \"visitCount\", \"operator\": \"=\", \"value\": " + visits + "}]");

        Reply segment = send("marketer", "GET", "/api/v1/segments/" + segmentId, null, null);
        List<String> members = memberIds(segmentId);

        assertThat(segment.json().get("memberCount").longValue()).isEqualTo(2);
        assertThat(members).containsExactly(min(first, second), max(first, second));
    }

    @Test
    void membersArePagedInIdOrder() {
        int visits = uniqueVisitCount();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(customer(Map.of("visit_count", visits, "review_count", i)));
        }
        ids.sort(String::compareTo);
        String segmentId = create("[{\"field\": \"visitCount\", \"operator\": \"=\", \"value\": " + visits + "},"
                + "{\"field\": \"advocacyScore\", \"operator\": \">=\", \"value\": 0}]");

        Reply firstPage = send("analyst", "GET", "/api/v1/segments/" + segmentId + "/members?limit=2", null, null);
        Reply secondPage = send("analyst", "GET", "/api/v1/segments/" + segmentId + "/members?limit=2&after="
                + ids.get(1), null, null);
        Reply tooLarge = send("analyst", "GET", "/api/v1/segments/" + segmentId + "/members?limit=501", null, null);

        assertThat(firstPage.status()).isEqualTo(200);
        assertThat(idsOf(firstPage.json())).containsExactly(ids.get(0), ids.get(1));
        assertThat(idsOf(secondPage.json())).containsExactly(ids.get(2), ids.get(3));
        assertThat(firstPage.json().get(0).get("visitCount").intValue()).isEqualTo(visits);
        assertThat(firstPage.json().get(0).has("advocacyScore")).isTrue();
        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(tooLarge.json().get("field").asString()).isEqualTo("limit");
    }

    /**
     * Whole days count from the server clock: 30 days and 23:59 is 30 days, 31 days is 31, and a customer who never
     * bought matches no condition on it.
     */
    @Test
    void daysSinceLastPurchaseBoundaries() {
        int visits = uniqueVisitCount();
        Instant now = clock.instant();
        String hourAgo = customer(Map.of("visit_count", visits, "purchase_count", 1,
                "last_purchase_at", utc(now.minus(Duration.ofHours(1)))));
        String almost31 = customer(Map.of("visit_count", visits, "purchase_count", 1,
                "last_purchase_at", utc(now.minus(Duration.ofDays(31)).plusSeconds(1))));
        String exactly31 = customer(Map.of("visit_count", visits, "purchase_count", 1,
                "last_purchase_at", utc(now.minus(Duration.ofDays(31)))));
        String never = customer(Map.of("visit_count", visits));
        String visitsIs = "{\"field\": \"visitCount\", \"operator\": \"=\", \"value\": " + visits + "}";

        List<String> withinMonth = memberIds(create("[" + visitsIs
                + ", {\"field\": \"daysSinceLastPurchase\", \"operator\": \"<=\", \"value\": 30}]"));
        List<String> lapsed = memberIds(create("[" + visitsIs
                + ", {\"field\": \"daysSinceLastPurchase\", \"operator\": \">\", \"value\": 30}]"));
        List<String> exactly30 = memberIds(create("[" + visitsIs
                + ", {\"field\": \"daysSinceLastPurchase\", \"operator\": \"=\", \"value\": 30}]"));
        List<String> anyPurchase = memberIds(create("[" + visitsIs
                + ", {\"field\": \"daysSinceLastPurchase\", \"operator\": \">=\", \"value\": 0}]"));

        assertThat(withinMonth).containsExactlyInAnyOrder(hourAgo, almost31);
        assertThat(lapsed).containsExactly(exactly31);
        assertThat(exactly30).containsExactly(almost31);
        assertThat(anyPurchase).containsExactlyInAnyOrder(hourAgo, almost31, exactly31).doesNotContain(never);
    }

    /**
     * The in-memory evaluation that decisions use and the SQL of the members list agree on varied profiles: day and
     * score boundaries, customers who never bought or interacted, a withdrawn consent and an erased profile.
     */
    @Test
    void memoryAndSqlAgreeOnVariedProfiles() {
        Instant now = clock.instant();
        String advocate = customer(Map.of("review_count", 5, "loyalty_tier", "GOLD", "language", "en",
                "last_interaction_at", utc(now.minus(Duration.ofDays(90)).plusSeconds(1))));
        String advocateAt90Days = customer(Map.of("review_count", 4, "share_count", 2,
                "last_interaction_at", utc(now.minus(Duration.ofDays(90)))));
        String almostAdvocate = customer(Map.of("review_count", 4, "share_count", 1,
                "last_interaction_at", utc(now.minus(Duration.ofDays(1)))));
        String unknown = customer(Map.of("anonymous", true));
        String recentBuyer = customer(Map.of("purchase_count", 3, "monetary_total", new BigDecimal("99.99"),
                "last_purchase_at", utc(now.minus(Duration.ofDays(10))), "last_store_id", "demo-maubert",
                "last_interaction_at", utc(now.minus(Duration.ofDays(10)))));
        String lapsedBuyer = customer(Map.of("purchase_count", 1, "monetary_total", new BigDecimal("100.00"),
                "last_purchase_at", utc(now.minus(Duration.ofDays(400))), "engagement_score", 12.34,
                "engagement_at", utc(now.minus(Duration.ofDays(30)))));
        String withdrewPush = customer(Map.of("engagement_score", 10.0, "engagement_at", utc(now),
                "loyalty_tier", "PLATINUM", "language", "fr"));
        // The push consent was granted a minute before the real time, which the test clock may lag behind.
        Instant afterGrant = Instant.now();
        jdbc.update("insert into consent (customer_id, purpose, channel, status, source, recorded_at) "
                + "values (?, 'MARKETING', 'PUSH', 'WITHDRAWN', 'test', ?)", withdrewPush, utc(afterGrant));
        jdbc.update("insert into consent (customer_id, purpose, channel, status, source, recorded_at) "
                + "values (?, 'MARKETING', 'EMAIL', 'GRANTED', 'test', ?)", withdrewPush, utc(afterGrant));
        String erased = customer(Map.of("review_count", 20, "erased_at", utc(now), "anonymous", true,
                "last_interaction_at", utc(now)));
        String maxAdvocate = customer(Map.of("review_count", 20, "share_count", 3, "visit_count", 4,
                "purchase_count", 3, "last_interaction_at", utc(now.minus(Duration.ofDays(91)))));
        Set<String> profiles = Set.of(advocate, advocateAt90Days, almostAdvocate, unknown, recentBuyer, lapsedBuyer,
                withdrewPush, erased, maxAdvocate);

        Map<String, String> segments = new LinkedHashMap<>();
        segments.put("activeAdvocates", create("""
                [{"field": "advocacyScore", "operator": ">=", "value": 50},
                 {"field": "daysSinceLastInteraction", "operator": "<=", "value": 90}]"""));
        segments.put("lapsed", create("[{\"field\": \"daysSinceLastPurchase\", \"operator\": \">\", \"value\": 30}]"));
        segments.put("recentSmallSpenders", create("""
                [{"field": "daysSinceLastPurchase", "operator": "<=", "value": 30},
                 {"field": "monetaryTotal", "operator": "<", "value": 100}]"""));
        segments.put("engaged", create("[{\"field\": \"engagementScore\", \"operator\": \">=\", \"value\": 6.2}]"));
        segments.put("disengaged", create("[{\"field\": \"engagementScore\", \"operator\": \"<\", \"value\": 6.2}]"));
        segments.put("push", create("[{\"field\": \"marketingConsent\", \"operator\": \"=\", \"value\": \"PUSH\"}]"));
        segments.put("emailOrSms", create("""
                [{"field": "marketingConsent", "operator": "in", "value": ["EMAIL", "SMS"]}]"""));
        segments.put("anonymous", create("[{\"field\": \"anonymous\", \"operator\": \"=\", \"value\": true}]"));
        segments.put("englishTopTiers", create("""
                [{"field": "loyaltyTier", "operator": "in", "value": ["GOLD", "PLATINUM"]},
                 {"field": "language", "operator": "=", "value": "en"}]"""));
        segments.put("maubert", create("[{\"field\": \"lastStoreId\", \"operator\": \"=\", \"value\": \"demo-maubert\"}]"));
        segments.put("fullAdvocacy", create("[{\"field\": \"advocacyScore\", \"operator\": \"=\", \"value\": 100}]"));
        segments.put("buyersWithFewVisits", create("""
                [{"field": "purchaseCount", "operator": ">=", "value": 3},
                 {"field": "visitCount", "operator": "<", "value": 5},
                 {"field": "reviewCount", "operator": ">", "value": 4},
                 {"field": "shareCount", "operator": "<=", "value": 3}]"""));
        segments.put("interaction90DaysAgo", create("""
                [{"field": "daysSinceLastInteraction", "operator": "=", "value": 90}]"""));

        Map<String, Set<String>> bySql = new LinkedHashMap<>();
        Map<String, Set<String>> inMemory = new LinkedHashMap<>();
        for (Map.Entry<String, String> segment : segments.entrySet()) {
            Set<String> sqlMembers = new TreeSet<>(memberIds(segment.getValue()));
            sqlMembers.retainAll(profiles);
            bySql.put(segment.getKey(), sqlMembers);
            Set<String> memoryMembers = new TreeSet<>();
            for (String customerId : profiles) {
                if (decisionProfiles.find(customerId, null).orElseThrow().facts().isInSegment(segment.getValue())) {
                    memoryMembers.add(customerId);
                }
            }
            inMemory.put(segment.getKey(), memoryMembers);
        }

        for (String segment : segments.keySet()) {
            assertThat(inMemory.get(segment)).as(segment).isEqualTo(bySql.get(segment));
        }
        assertThat(bySql.get("activeAdvocates")).containsExactlyInAnyOrder(advocate, advocateAt90Days);
        assertThat(bySql.get("lapsed")).containsExactly(lapsedBuyer);
        assertThat(bySql.get("recentSmallSpenders")).containsExactly(recentBuyer);
        assertThat(bySql.get("engaged")).containsExactlyInAnyOrder(lapsedBuyer, withdrewPush);
        assertThat(bySql.get("disengaged")).hasSize(profiles.size() - 3).doesNotContain(erased);
        assertThat(bySql.get("push")).hasSize(profiles.size() - 2).doesNotContain(withdrewPush, erased);
        assertThat(bySql.get("emailOrSms")).containsExactly(withdrewPush);
        assertThat(bySql.get("anonymous")).containsExactly(unknown);
        assertThat(bySql.get("englishTopTiers")).containsExactly(advocate);
        assertThat(bySql.get("maubert")).containsExactly(recentBuyer);
        assertThat(bySql.get("fullAdvocacy")).containsExactly(maxAdvocate);
        assertThat(bySql.get("buyersWithFewVisits")).containsExactly(maxAdvocate);
        assertThat(bySql.get("interaction90DaysAgo")).containsExactly(advocateAt90Days);
    }

    @Test
    void decisionFactsAndProfileShowSegments() throws Exception {
        String segmentId = create("[{\"field\": \"reviewCount\", \"operator\": \"=\", \"value\": 7},"
                + " {\"field\": \"visitCount\", \"operator\": \"=\", \"value\": " + uniqueVisitCount() + "}]");
        int visits = JSON.readTree(send("marketer", "GET", "/api/v1/segments/" + segmentId, null, null).body())
                .get("conditions").get(1).get("value").intValue();
        String member = customer(Map.of("review_count", 7, "visit_count", visits));
        String other = customer(Map.of("review_count", 6, "visit_count", visits));

        Reply decision = send("app", "POST", "/api/v1/decisions", """
                {"customerId": "%s", "channel": "PUSH", "maxOffers": 1}""".formatted(member), null);
        String factsJson = jdbc.queryForObject("select facts_json from decision_record where customer_id = ?",
                String.class, member);
        Reply profile = send("marketer", "GET", "/api/v1/customers/" + member, null, null);
        Reply otherProfile = send("marketer", "GET", "/api/v1/customers/" + other, null, null);

        assertThat(decision.status()).as(decision.body()).isEqualTo(200);
        assertThat(JSON.readTree(factsJson).get("customer").get("segments").valueStream()
                .map(JsonNode::asString).toList()).contains(segmentId);
        assertThat(profile.json().get("segments").valueStream().map(JsonNode::asString).toList())
                .contains(segmentId);
        assertThat(otherProfile.json().get("segments").valueStream().map(JsonNode::asString).toList())
                .doesNotContain(segmentId);
    }

    @Test
    void demoDataHasActiveAdvocates() {
        Reply segment = send("analyst", "GET", "/api/v1/segments/active-advocates", null, null);

        assertThat(segment.status()).isEqualTo(200);
        assertThat(segment.json().get("nameFr").asString()).isEqualTo("Ambassadeurs actifs");
        assertThat(segment.json().get("nameEn").asString()).isEqualTo("Active advocates");
        assertThat(segment.json().get("conditions").toString()).isEqualTo("[{\"field\":\"advocacyScore\","
                + "\"operator\":\">=\",\"value\":50},{\"field\":\"daysSinceLastInteraction\",\"operator\":\"<\","
                + "\"value\":90}]");
    }

    /** Creates a segment with these conditions as a marketer and returns its id. */
    String create(String conditions) {
        String segmentId = "test-" + UUID.randomUUID();
        Reply created = send("marketer", "POST", "/api/v1/segments", segmentBody(segmentId, conditions), null);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return segmentId;
    }

    /** Returns the ids of every member of a segment, reading pages of 500. */
    List<String> memberIds(String segmentId) {
        List<String> ids = new ArrayList<>();
        String after = "";
        while (true) {
            Reply page = send("marketer", "GET", "/api/v1/segments/" + segmentId + "/members?limit=500&after="
                    + after, null, null);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            List<String> pageIds = idsOf(page.json());
            ids.addAll(pageIds);
            if (pageIds.size() < 500) {
                return ids;
            }
            after = pageIds.get(pageIds.size() - 1);
        }
    }

    /**
     * Stores a push customer, as {@link TestCustomers#pushCustomer} does, and then sets these columns of its row.
     */
    String customer(Map<String, Object> columns) {
        String customerId = TestCustomers.pushCustomer(customers, transaction, "segment-");
        Map<String, Object> ordered = new LinkedHashMap<>(columns);
        if (!ordered.isEmpty()) {
            List<String> assignments = ordered.keySet().stream().map(column -> column + " = ?").toList();
            List<Object> values = new ArrayList<>(ordered.values());
            values.add(customerId);
            jdbc.update("update customer set " + String.join(", ", assignments) + " where customer_id = ?",
                    values.toArray());
        }
        return customerId;
    }

    /**
     * Returns a visit count that no other scenario uses, so that a condition on it selects this scenario's customers
     * only.
     */
    static int uniqueVisitCount() {
        return 1_000_000 + ThreadLocalRandom.current().nextInt(100_000_000);
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String renamed(String nameFr) {
        return """
                {"nameFr": "%s", "nameEn": "Regulars",
                 "conditions": [{"field": "visitCount", "operator": ">=", "value": 6}]}""".formatted(nameFr);
    }

    private static String segmentBody(String segmentId, String conditions) {
        return """
                {"segmentId": "%s", "nameFr": "Test", "nameEn": "Test", "conditions": %s}"""
                .formatted(segmentId, conditions);
    }

    private static List<String> idsOf(JsonNode members) {
        return members.valueStream().map(member -> member.get("customerId").asString()).toList();
    }

    private static String min(String first, String second) {
        return first.compareTo(second) < 0 ? first : second;
    }

    private static String max(String first, String second) {
        return first.compareTo(second) < 0 ? second : first;
    }

    /** Sends a request as a demo user, with {@code If-Match} when {@code ifMatch} is not null. */
    Reply send(String user, String method, String path, String body, String ifMatch) {
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

    /** Conditions that the API rejects, and the field and value the problem must name (null: no value). */
    private record InvalidCase(String conditions, String field, String value) {
    }

    record Reply(int status, String eTag, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }
    }
}
