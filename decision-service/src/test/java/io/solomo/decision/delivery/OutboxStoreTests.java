package io.solomo.decision.delivery;

import java.util.UUID;

/** The outbox claim on H2, the embedded default. */
class OutboxStoreTests extends OutboxClaimContract {

    private final String database = "outbox-claim-" + UUID.randomUUID();

    @Override
    String jdbcUrl() {
        return "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1";
    }

    @Override
    String user() {
        return "sa";
    }
}
