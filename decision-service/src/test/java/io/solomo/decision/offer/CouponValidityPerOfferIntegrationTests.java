package io.solomo.decision.offer;

import io.solomo.decision.profile.CustomerRepository;
import io.solomo.decision.store.StoreCatalog;
import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import io.solomo.decision.support.TestCustomers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The coupon validity of each offer: STORE-WELCOME-10 ends with the contact's day in the demo data, and a test that
 * changes it puts the demo value back.
 */
class CouponValidityPerOfferIntegrationTests extends DemoServer {

    /** Friday 4 December 2026, 10:15 in Paris. */
    private static final String FRIDAY_MORNING_PARIS = "2026-12-04T09:15:00Z";
    /** The start of Saturday 5 December 2026 in Paris, where an end-of-day coupon of that Friday expires. */
    private static final Instant END_OF_FRIDAY_PARIS = Instant.parse("2026-12-04T23:00:00Z");
    private static final String WELCOME = "STORE-WELCOME-10";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CustomerRepository customers;

    @Autowired
    OfferRepository offers;

    @Autowired
    StoreCatalog stores;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void endOfDayOfferExpiresAtParisMidnight() {
        JsonNode welcome = welcomeAt("demo-maubert", FRIDAY_MORNING_PARIS);

        assertThat(welcome.get("couponExpiresAt").asString()).isEqualTo("2026-12-04T23:00:00Z");
        assertThat(storedExpiry(welcome)).isEqualTo(END_OF_FRIDAY_PARIS);
    }

    @Test
    void endOfDayFollowsStoreTimeZone() {
        // 10:15 in Montreal is 15:15 UTC, and that day ends at 05:00 UTC on the next day.
        stores.importGeoJson("""
                {"type": "FeatureCollection", "features": [{"type": "Feature", "id": "coupon-test-montreal",
                 "properties": {"name": "Demo Marché Montréal", "brand": "Demo Marché",
                                "timezone": "America/Montreal"},
                 "geometry": {"type": "Point", "coordinates": [-73.5673, 45.5017]}}]}"""
                .getBytes(StandardCharsets.UTF_8), "a test store in Montreal");
        try {
            JsonNode welcome = welcomeAt("coupon-test-montreal", "2026-12-04T15:15:00Z");

            assertThat(welcome.get("couponExpiresAt").asString()).isEqualTo("2026-12-05T05:00:00Z");
            assertThat(storedExpiry(welcome)).isEqualTo(Instant.parse("2026-12-05T05:00:00Z"));
        } finally {
            stores.delete("coupon-test-montreal");
        }
    }

    @Test
    void durationOfferLastsThatDuration() {
        setWelcomeValidity("PT2H");
        try {
            JsonNode welcome = welcomeAt("demo-maubert", FRIDAY_MORNING_PARIS);

            assertThat(welcome.get("couponExpiresAt").asString()).isEqualTo("2026-12-04T11:15:00Z");
            assertThat(storedExpiry(welcome)).isEqualTo(Instant.parse("2026-12-04T11:15:00Z"));
        } finally {
            setWelcomeValidity(CouponLifetime.END_OF_DAY_TEXT);
        }
    }

    @Test
    void offerWithoutValidityKeepsGlobalSetting() {
        setWelcomeValidity(null);
        try {
            JsonNode welcome = welcomeAt("demo-maubert", FRIDAY_MORNING_PARIS);

            // solomo.coupons.validity is P7D.
            assertThat(welcome.get("couponExpiresAt").asString()).isEqualTo("2026-12-11T09:15:00Z");
            assertThat(storedExpiry(welcome)).isEqualTo(Instant.parse("2026-12-11T09:15:00Z"));
        } finally {
            setWelcomeValidity(CouponLifetime.END_OF_DAY_TEXT);
        }
    }

    @Test
    void validToStillCapsEndOfDay() {
        Offer welcome = offers.findById(WELCOME).orElseThrow();
        Instant noonParis = Instant.parse("2026-12-04T11:00:00Z");

        assertThat(welcome.couponExpiry(Instant.parse(FRIDAY_MORNING_PARIS).atZone(ZoneId.of("Europe/Paris")),
                Duration.ofDays(7))).isEqualTo(END_OF_FRIDAY_PARIS);
        Offer endingAtNoon = new Offer("ENDS-AT-NOON", null, "fr", "en", 1, Instant.parse("2026-01-01T00:00:00Z"),
                noonParis, null, null).withCouponValidity(CouponLifetime.END_OF_DAY_TEXT);
        assertThat(endingAtNoon.couponExpiry(Instant.parse(FRIDAY_MORNING_PARIS).atZone(ZoneId.of("Europe/Paris")),
                Duration.ofDays(7))).isEqualTo(noonParis);
    }

    @Test
    void demoOffersSayingTodayEndWithDay() {
        assertThat(jdbc.queryForObject("select coupon_validity from offer where offer_id = ?", String.class,
                WELCOME)).isEqualTo("end-of-day");
        assertThat(jdbc.queryForObject("select coupon_validity from offer where offer_id = ?", String.class,
                "REGULAR-THANKS")).isEqualTo("end-of-day");
        assertThat(jdbc.queryForObject("select coupon_validity from offer where offer_id = ?", String.class,
                "WEEKEND-FLOWERS")).isNull();
    }

    @Test
    void invalidValidityRejectedOnWrite() {
        Offer welcome = offers.findById(WELCOME).orElseThrow();

        for (String invalid : List.of("P1M", "7 days", "PT0S", "-PT2H", "+PT2H", "-PT-2H", "tomorrow", "")) {
            assertThatThrownBy(() -> welcome.withCouponValidity(invalid))
                    .as(invalid)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("offer " + WELCOME)
                    .hasMessageContaining("invalid couponValidity '" + invalid + "'");
        }
    }

    @Test
    void validityNormalisedOnWrite() {
        Offer offer = new Offer("NORMALISED", null, "fr", "en", 1, Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2028-01-01T00:00:00Z"), null, null);

        assertThat(offer.withCouponValidity(" pt2h ").couponLifetime()).hasToString("PT2H");
        assertThat(offer.withCouponValidity("End-Of-Day").couponLifetime()).hasToString("end-of-day");
        assertThat(offer.withCouponValidity(null).couponLifetime()).isNull();
    }

    @Test
    void invalidStoredValidityRejectedOnRead() {
        assertThatThrownBy(() -> jdbc.update("update offer set coupon_validity = '7 days' where offer_id = ?",
                WELCOME)).isInstanceOf(DataIntegrityViolationException.class);

        jdbc.update("update offer set coupon_validity = 'P1M' where offer_id = ?", WELCOME);
        try {
            Offer welcome = offers.findById(WELCOME).orElseThrow();

            assertThatThrownBy(welcome::couponLifetime)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("offer " + WELCOME)
                    .hasMessageContaining("'P1M'")
                    .hasMessageContaining("offer.coupon_validity");
        } finally {
            jdbc.update("update offer set coupon_validity = 'end-of-day' where offer_id = ?", WELCOME);
        }
    }

    private JsonNode welcomeAt(String storeId, String at) {
        String body = """
                {"customerId": "%s", "channel": "PUSH", "storeId": "%s", "at": "%s", "maxOffers": 3}"""
                .formatted(pushCustomer(), storeId, at);

        ApiClient.Response response = app().post("/api/v1/decisions", body);

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        for (JsonNode offer : response.json().get("offers")) {
            if (offer.get("offerId").asString().equals(WELCOME)) {
                return offer;
            }
        }
        throw new AssertionError("offer " + WELCOME + " not chosen in " + response.text());
    }

    private Instant storedExpiry(JsonNode offer) {
        return jdbc.queryForObject("select expires_at from coupon where code = ?", OffsetDateTime.class,
                offer.get("couponCode").asString()).toInstant();
    }

    private void setWelcomeValidity(String validity) {
        transaction.executeWithoutResult(status ->
                offers.save(offers.findById(WELCOME).orElseThrow().withCouponValidity(validity)));
    }

    private String pushCustomer() {
        return TestCustomers.pushCustomer(customers, transaction, "coupon-validity-");
    }
}
