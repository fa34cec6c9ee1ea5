package io.solomo.decision.location;

import io.solomo.decision.profile.ConsentPurpose;
import io.solomo.decision.profile.ConsentStatus;
import io.solomo.decision.profile.Customer;
import io.solomo.decision.profile.CustomerRepository;
import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import io.solomo.model.Language;
import io.solomo.model.LoyaltyTier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A fix is used only when the customer granted the use of the precise location. */
class LocationConsentIntegrationTests extends DemoServer {

    @Autowired
    CustomerRepository customers;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void fixWithoutLocationConsentIsRejectedAndNotStored() {
        String customerId = customer(null);
        String eventId = "no-consent-" + UUID.randomUUID();

        ApiClient.Response response = app().post("/api/v1/location-events", fix(eventId, customerId));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:solomo:problem:consent-missing");
        assertThat(response.json().get("field").asString()).isEqualTo("customerId");
        assertThat(response.json().get("value").asString()).isEqualTo(customerId);
        assertThat(stored(eventId)).isZero();
    }

    @Test
    void withdrawnLocationConsentStopsFixes() {
        String customerId = customer(ConsentStatus.WITHDRAWN);
        String eventId = "withdrawn-" + UUID.randomUUID();

        ApiClient.Response response = app().post("/api/v1/location-events", fix(eventId, customerId));

        assertThat(response.status()).isEqualTo(403);
        assertThat(stored(eventId)).isZero();
    }

    @Test
    void grantedLocationConsentLetsFixesThrough() {
        String customerId = customer(ConsentStatus.GRANTED);
        String eventId = "granted-" + UUID.randomUUID();

        ApiClient.Response response = app().post("/api/v1/location-events", fix(eventId, customerId));

        assertThat(response.status()).isEqualTo(202);
        assertThat(stored(eventId)).isEqualTo(1);
    }

    private static String fix(String eventId, String customerId) {
        return """
                {"eventId": "%s", "customerId": "%s", "deviceId": "phone-%s", "latitude": 45.76, "longitude": 4.83}"""
                .formatted(eventId, customerId, customerId);
    }

    private int stored(String eventId) {
        return jdbc.queryForObject("select count(*) from location_event where event_id = ?", Integer.class, eventId);
    }

    /** Creates a customer whose latest location consent has the status, after an earlier grant; null for none. */
    private String customer(ConsentStatus latest) {
        String customerId = "consent-" + UUID.randomUUID();
        Customer customer = new Customer(customerId, null, LoyaltyTier.BRONZE, Language.FR, ZoneId.of("Europe/Paris"),
                Instant.parse("2026-01-01T00:00:00Z"));
        if (latest != null) {
            customer.recordConsent(ConsentPurpose.PRECISE_LOCATION, null, ConsentStatus.GRANTED, "test",
                    Instant.parse("2026-01-01T00:00:00Z"));
            customer.recordConsent(ConsentPurpose.PRECISE_LOCATION, null, latest, "test",
                    Instant.parse("2026-02-01T00:00:00Z"));
        }
        customers.save(customer);
        return customerId;
    }
}
