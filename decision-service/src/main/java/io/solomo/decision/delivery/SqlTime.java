package io.solomo.decision.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Converts instants for {@code timestamp with time zone} columns, which both H2 and PostgreSQL map to UTC. */
final class SqlTime {

    private SqlTime() {
    }

    static OffsetDateTime of(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
