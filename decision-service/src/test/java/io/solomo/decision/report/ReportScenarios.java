package io.solomo.decision.report;

import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.solomo.decision.support.FrenchProblems.assertFrenchDetail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The report scenarios, run by a subclass on H2 and by another on PostgreSQL. The API cannot make a decision with a
 * chosen holdout flag, so most scenarios write their rows with JDBC. Each uses a month of 2025 of its own, so that
 * it does not see the rows of the others. The brand's time zone is Europe/Paris.
 */
abstract class ReportScenarios extends DemoServer {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void offersReportCountsEachSourceWithinPeriod() {
        // March 2025 in Paris runs from 2025-02-28T23:00Z to 2025-03-31T22:00Z (summer time starts on 30 March).
        String first = decision("r-a", "2025-02-28T23:00:00Z", false);
        String last = decision("r-b", "2025-03-31T21:59:59Z", false);
        String after = decision("r-c", "2025-03-31T22:00:00Z", false);
        String before = decision("r-d", "2025-02-28T22:59:59Z", false);
        contact(first, "r-a", "R-COFFEE", "PUSH", "2025-02-28T23:00:00Z");
        contact(last, "r-b", "R-COFFEE", "SMS", "2025-03-31T21:59:59Z");
        contact(last, "r-b", "R-CAKE", "SMS", "2025-03-31T21:59:59Z");
        contact(after, "r-c", "R-COFFEE", "PUSH", "2025-03-31T22:00:00Z");
        contact(before, "r-d", "R-COFFEE", "PUSH", "2025-02-28T22:59:59Z");
        coupon(first, "r-a", "R-COFFEE", "2025-02-28T23:00:00Z", "2025-04-15T10:00:00Z");
        coupon(last, "r-b", "R-COFFEE", "2025-03-31T21:59:59Z", null);
        coupon(after, "r-c", "R-COFFEE", "2025-03-31T22:00:00Z", "2025-04-01T10:00:00Z");
        delivery(first, "r-a", "R-COFFEE", "DELIVERED", "2025-03-01T08:00:00Z");
        delivery(last, "r-b", "R-COFFEE", "DEAD", "2025-03-31T21:59:59Z");
        delivery(after, "r-c", "R-COFFEE", "SENT", "2025-03-31T22:00:00Z");
        outcome(first, "R-COFFEE", "ACCEPTED", "2025-03-02T10:00:00Z");
        outcome(first, "R-COFFEE", "REDEEMED", "2025-03-03T10:00:00Z");
        outcome(last, "R-COFFEE", "IGNORED", "2025-03-31T21:59:59Z");
        outcome(after, "R-COFFEE", "ACCEPTED", "2025-04-02T10:00:00Z");

        ApiClient.Response response = analyst().get("/api/v1/reports/offers?from=2025-03-01&to=2025-03-31");

        assertThat(response.status()).isEqualTo(200);
        JsonNode offers = response.json().get("offers");
        assertThat(offers.size()).isEqualTo(2);
        assertThat(offers.get(0).get("offerId").asString()).isEqualTo("R-CAKE");
        JsonNode coffee = offers.get(1);
        assertThat(coffee.get("offerId").asString()).isEqualTo("R-COFFEE");
        assertThat(coffee.get("decisions").longValue()).isEqualTo(2);
        assertThat(coffee.get("contacts").longValue()).isEqualTo(2);
        assertThat(coffee.get("contactsByChannel").get("PUSH").longValue()).isEqualTo(1);
        assertThat(coffee.get("contactsByChannel").get("SMS").longValue()).isEqualTo(1);
        assertThat(coffee.get("deliveries").get("total").longValue()).isEqualTo(2);
        assertThat(coffee.get("deliveries").get("sent").longValue()).isEqualTo(1);
        assertThat(coffee.get("deliveries").get("failed").longValue()).isEqualTo(1);
        assertThat(coffee.get("outcomes").get("accepted").longValue()).isEqualTo(1);
        assertThat(coffee.get("outcomes").get("ignored").longValue()).isEqualTo(1);
        assertThat(coffee.get("outcomes").get("redeemed").longValue()).isEqualTo(1);
        assertThat(coffee.get("coupons").get("issued").longValue()).isEqualTo(2);
        assertThat(coffee.get("coupons").get("redeemed").longValue()).isEqualTo(1);
        assertThat(coffee.get("coupons").get("redemptionRate").doubleValue()).isEqualTo(0.5);
        assertThat(coffee.get("propensity").isNull()).isTrue();
        assertThat(response.json().get("from").asString()).isEqualTo("2025-02-28T23:00:00Z");
        assertThat(response.json().get("to").asString()).isEqualTo("2025-03-31T22:00:00Z");
    }

    @Test
    void liftComparesGroupsWithinWindow() {
        // May 2025 as instants. 40 treated customers of whom 20 bought, 30 held out of whom 6 bought.
        for (int i = 0; i < 40; i++) {
            String customer = "lt-" + i;
            decision(customer, "2025-05-10T10:00:00Z", false);
            if (i < 20) {
                purchase(customer, "2025-05-12T10:00:00Z", "10.00");
            }
        }
        for (int i = 0; i < 30; i++) {
            String customer = "lh-" + i;
            decision(customer, "2025-05-10T10:00:00Z", true);
            if (i < 6) {
                purchase(customer, "2025-05-20T10:00:00Z", "10.00");
            }
        }
        // A buyer's second purchase, on the last millisecond of the window, adds revenue but no buyer.
        purchase("lt-0", "2025-05-24T09:59:59.999Z", "5.50");
        // Purchases on the window's end, before the first decision and before the period do not convert.
        purchase("lt-20", "2025-05-24T10:00:00Z", "99.00");
        purchase("lt-21", "2025-05-10T09:59:59Z", "99.00");
        // A decision before the period does not start the window: this customer's first decision is on 10 May.
        decision("lt-22", "2025-04-30T23:59:59Z", false);
        purchase("lt-22", "2025-05-01T10:00:00Z", "99.00");
        // Held out in one decision and not in another: in neither group.
        decision("lmixed", "2025-05-11T10:00:00Z", true);
        decision("lmixed", "2025-05-12T10:00:00Z", false);
        purchase("lmixed", "2025-05-13T10:00:00Z", "99.00");

        ApiClient.Response response = marketer().get(
                "/api/v1/reports/lift?from=2025-05-01T00:00:00Z&to=2025-06-01T00:00:00Z&window=P14D");

        assertThat(response.status()).isEqualTo(200);
        JsonNode lift = response.json();
        assertThat(lift.get("treated").get("customers").longValue()).isEqualTo(40);
        assertThat(lift.get("treated").get("buyers").longValue()).isEqualTo(20);
        assertThat(lift.get("treated").get("conversionRate").doubleValue()).isEqualTo(0.5);
        assertThat(lift.get("treated").get("revenue").decimalValue()).isEqualByComparingTo("205.50");
        assertThat(lift.get("treated").get("revenuePerCustomer").decimalValue()).isEqualByComparingTo("5.14");
        assertThat(lift.get("holdout").get("customers").longValue()).isEqualTo(30);
        assertThat(lift.get("holdout").get("buyers").longValue()).isEqualTo(6);
        assertThat(lift.get("holdout").get("conversionRate").doubleValue()).isEqualTo(0.2);
        assertThat(lift.get("holdout").get("revenuePerCustomer").decimalValue()).isEqualByComparingTo("2.00");
        assertThat(lift.get("excludedCustomers").longValue()).isEqualTo(1);
        assertThat(lift.get("absoluteLift").doubleValue()).isCloseTo(0.3, within(1e-12));
        assertThat(lift.get("relativeLift").doubleValue()).isCloseTo(1.5, within(1e-12));
        assertThat(lift.get("conversionRatio").doubleValue()).isCloseTo(2.5, within(1e-12));
        double margin = 1.959963984540054 * Math.sqrt(0.5 * 0.5 / 40 + 0.2 * 0.8 / 30);
        assertThat(margin).isCloseTo(0.2109, within(1e-4));
        assertThat(lift.get("confidenceInterval").get("lower").doubleValue()).isCloseTo(0.3 - margin, within(1e-12));
        assertThat(lift.get("confidenceInterval").get("upper").doubleValue()).isCloseTo(0.3 + margin, within(1e-12));
        assertThat(lift.get("significant").booleanValue()).isTrue();
        assertThat(lift.get("notEnoughData").booleanValue()).isFalse();
        assertThat(lift.get("windowsStillOpen").booleanValue()).isFalse();
        assertThat(lift.get("window").asString()).isEqualTo("P14D");
    }

    @Test
    void liftOfSmallGroupsIsNotEnoughData() {
        // July 2025: 2 treated customers who both bought, 1 held out who did not.
        decision("ls-1", "2025-07-10T10:00:00Z", false);
        decision("ls-2", "2025-07-10T10:00:00Z", false);
        decision("ls-3", "2025-07-10T10:00:00Z", true);
        purchase("ls-1", "2025-07-11T10:00:00Z", "20.00");
        purchase("ls-2", "2025-07-11T10:00:00Z", "20.00");

        JsonNode lift = marketer().get("/api/v1/reports/lift?from=2025-07-01&to=2025-07-31").json();

        assertThat(lift.get("treated").get("conversionRate").doubleValue()).isEqualTo(1.0);
        assertThat(lift.get("holdout").get("conversionRate").doubleValue()).isEqualTo(0.0);
        assertThat(lift.get("absoluteLift").doubleValue()).isEqualTo(1.0);
        assertThat(lift.get("conversionRatio").isNull()).isTrue();
        assertThat(lift.get("notEnoughData").booleanValue()).isTrue();
        assertThat(lift.get("significant").booleanValue()).isFalse();
        assertThat(lift.get("minimumPerGroup").get("customers").longValue()).isEqualTo(30);
        assertThat(lift.get("window").asString()).isEqualTo("P14D");
    }

    @Test
    void emptyPeriodReportsNothing() {
        ApiClient.Response offers = analyst().get("/api/v1/reports/offers?from=2024-01-01&to=2024-01-31");
        ApiClient.Response lift = analyst().get("/api/v1/reports/lift?from=2024-01-01&to=2024-01-31");

        assertThat(offers.status()).isEqualTo(200);
        assertThat(offers.json().get("offers").size()).isZero();
        assertThat(lift.status()).isEqualTo(200);
        assertThat(lift.json().get("treated").get("customers").longValue()).isZero();
        assertThat(lift.json().get("holdout").get("customers").longValue()).isZero();
        assertThat(lift.json().get("treated").get("conversionRate").isNull()).isTrue();
        assertThat(lift.json().get("absoluteLift").isNull()).isTrue();
        assertThat(lift.json().get("confidenceInterval").isNull()).isTrue();
        assertThat(lift.json().get("notEnoughData").booleanValue()).isTrue();
        assertThat(lift.json().get("significant").booleanValue()).isFalse();
    }

    @Test
    void realDecisionAndPurchaseAreReported() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ApiClient.Response decision = app().post("/api/v1/decisions", """
                {"customerId": "demo-alice", "channel": "PUSH", "latitude": 48.85, "longitude": 2.35, "at": "%s"}"""
                .formatted(now.minus(Duration.ofHours(1))));
        assertThat(decision.status()).isEqualTo(200);
        JsonNode chosen = decision.json().get("offers").get(0);
        ApiClient.Response purchase = app().post("/api/v1/purchases", """
                {"purchaseId": "%s", "customerId": "demo-alice", "storeId": "demo-maubert", "couponCode": "%s",
                 "occurredAt": "%s", "lines": [{"productId": "PHONE-X1", "quantity": 1, "amount": 499.00}]}"""
                .formatted(UUID.randomUUID(), chosen.get("couponCode").asString(),
                        now.minus(Duration.ofMinutes(30))));
        assertThat(purchase.status()).isEqualTo(201);
        String period = "from=" + now.minus(Duration.ofHours(2)) + "&to=" + now.plus(Duration.ofHours(1));

        JsonNode offers = marketer().get("/api/v1/reports/offers?" + period).json().get("offers");
        JsonNode lift = marketer().get("/api/v1/reports/lift?" + period).json();

        JsonNode offer = null;
        for (JsonNode candidate : offers) {
            if (candidate.get("offerId").asString().equals(chosen.get("offerId").asString())) {
                offer = candidate;
            }
        }
        assertThat(offers.size()).isEqualTo(decision.json().get("offers").size());
        assertThat(offer).isNotNull();
        assertThat(offer.get("decisions").longValue()).isEqualTo(1);
        // The period ends in an hour, so the purchase windows of its customers are still open.
        assertThat(lift.get("windowsStillOpen").booleanValue()).isTrue();
        assertThat(offer.get("contactsByChannel").get("PUSH").longValue()).isEqualTo(1);
        assertThat(offer.get("coupons").get("issued").longValue()).isEqualTo(1);
        assertThat(offer.get("coupons").get("redeemed").longValue()).isEqualTo(1);
        assertThat(offer.get("propensity").get("prior").isNumber()).isTrue();
        assertThat(lift.get("treated").get("customers").longValue()).isEqualTo(1);
        assertThat(lift.get("treated").get("buyers").longValue()).isEqualTo(1);
        assertThat(lift.get("treated").get("revenue").decimalValue()).isEqualByComparingTo("499.00");
        assertThat(lift.get("holdout").get("customers").longValue()).isZero();
        assertThat(lift.get("notEnoughData").booleanValue()).isTrue();
    }

    @Test
    void invalidParametersNameFieldAndValue() {
        record Case(String query, String field, String value) {
        }
        Case[] cases = {
                new Case("to=2025-01-31", "from", null),
                new Case("from=2025-13-01&to=2025-12-31", "from", "2025-13-01"),
                new Case("from=2025-01-01&to=yesterday", "to", "yesterday"),
                new Case("from=2025-02-01&to=2025-01-01", "to", "2025-01-01"),
                new Case("from=2024-01-01&to=2025-06-30", "to", "2025-06-30"),
        };
        for (Case invalid : cases) {
            for (String report : new String[] {"offers", "lift"}) {
                String call = "/api/v1/reports/" + report + "?" + invalid.query();
                ApiClient.Response response = analyst().get(call);

                assertThat(response.status()).as(call).isEqualTo(400);
                assertThat(response.json().get("field").asString()).as(call).isEqualTo(invalid.field());
                if (invalid.value() == null) {
                    assertThat(response.json().get("value").isNull()).as(call).isTrue();
                } else {
                    assertThat(response.json().get("value").asString()).as(call).isEqualTo(invalid.value());
                }
                assertFrenchDetail(call, response.json());
            }
        }
        for (String window : new String[] {"P0D", "PT59M", "P367D", "-P1D", "P1M"}) {
            ApiClient.Response response = analyst().get(
                    "/api/v1/reports/lift?from=2025-01-01&to=2025-01-31&window=" + window);

            assertThat(response.status()).as(window).isEqualTo(400);
            assertThat(response.json().get("field").asString()).as(window).isEqualTo("window");
            assertThat(response.json().get("value").asString()).as(window).isEqualTo(window);
        }
    }

    @Test
    void reportsAreForHeadOfficeRoles() {
        String call = "/api/v1/reports/offers?from=2024-02-01&to=2024-02-02";

        assertThat(analyst().get(call).status()).isEqualTo(200);
        assertThat(marketer().get(call).status()).isEqualTo(200);
        assertThat(ApiClient.on(port).as("operator", PASSWORD).get(call).status()).isEqualTo(200);
        assertThat(app().get(call).status()).isEqualTo(403);
        assertThat(ApiClient.on(port).as("store-bastille", PASSWORD).get(call).status()).isEqualTo(403);
        assertThat(anonymous().get(call).status()).isEqualTo(401);
    }

    private ApiClient analyst() {
        return ApiClient.on(port).as("analyst", PASSWORD);
    }

    private String decision(String customerId, String at, boolean holdout) {
        String decisionId = UUID.randomUUID().toString();
        jdbc.update("""
                insert into decision_record (decision_id, customer_id, channel, trigger_type, rules_version,
                    contact_at, decided_at, request_json, fired_rules, offers_json, rejections_json, holdout)
                values (?, ?, 'PUSH', 'API', 'test', ?, ?, '{}', '[]', '[]', '[]', ?)""",
                decisionId, customerId, time(at), time(at), holdout);
        return decisionId;
    }

    private void contact(String decisionId, String customerId, String offerId, String channel, String at) {
        jdbc.update("""
                insert into contact (decision_id, customer_id, offer_id, channel, pushed, contacted_at)
                values (?, ?, ?, ?, true, ?)""", decisionId, customerId, offerId, channel, time(at));
    }

    private void coupon(String decisionId, String customerId, String offerId, String issuedAt, String redeemedAt) {
        jdbc.update("""
                insert into coupon (code, offer_id, customer_id, decision_id, issued_at, expires_at, redeemed_at)
                values (?, ?, ?, ?, ?, ?, ?)""", UUID.randomUUID().toString().substring(0, 20), offerId, customerId,
                decisionId, time(issuedAt), time(issuedAt).plusDays(30), redeemedAt == null ? null : time(redeemedAt));
    }

    private void delivery(String decisionId, String customerId, String offerId, String status, String createdAt) {
        jdbc.update("""
                insert into delivery (delivery_id, decision_id, customer_id, offer_id, channel, status, message,
                    created_at)
                values (?, ?, ?, ?, 'PUSH', ?, 'Test message', ?)""", UUID.randomUUID().toString(), decisionId,
                customerId, offerId, status, time(createdAt));
    }

    private void outcome(String decisionId, String offerId, String outcome, String recordedAt) {
        jdbc.update("insert into decision_outcome (decision_id, offer_id, outcome, recorded_at) values (?, ?, ?, ?)",
                decisionId, offerId, outcome, time(recordedAt));
    }

    private void purchase(String customerId, String occurredAt, String amount) {
        jdbc.update("""
                insert into purchase (purchase_id, customer_id, store_id, amount, points, occurred_at, recorded_at)
                values (?, ?, 'demo-maubert', ?, 0, ?, ?)""", UUID.randomUUID().toString(), customerId,
                new BigDecimal(amount), time(occurredAt), time(occurredAt));
    }

    private static OffsetDateTime time(String instant) {
        return Instant.parse(instant).atOffset(ZoneOffset.UTC);
    }
}
