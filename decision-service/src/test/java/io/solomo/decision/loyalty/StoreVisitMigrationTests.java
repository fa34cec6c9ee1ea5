package io.solomo.decision.loyalty;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Date;
import java.time.OffsetDateTime;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The migration that makes store visits unique per customer, store and day, applied to a database that contains a
 * visit counted twice on one day, as the read-then-insert check allowed before it.
 */
class StoreVisitMigrationTests {

    /** The last migration before the unique key. */
    private static final String BEFORE_UNIQUE_VISITS = "18.2";

    @Test
    void doubledVisitsKeptOnH2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:visit-migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");

        migrateWithDoubledVisit(h2);
    }

    @Test
    void doubledVisitsKeptOnPostgres() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            migrateWithDoubledVisit(postgres.getPostgresDatabase());
        }
    }

    private static void migrateWithDoubledVisit(DataSource database) {
        JdbcTemplate jdbc = new JdbcTemplate(database);
        Flyway.configure().dataSource(database).locations("classpath:db/migration").target(BEFORE_UNIQUE_VISITS)
                .load().migrate();
        String before = "insert into store_visit (visit_id, customer_id, store_id, visited_at) values (?, ?, ?, ?)";
        jdbc.update(before, "old-1", "doubled", "demo-bastille", OffsetDateTime.parse("2026-11-20T09:00:00Z"));
        jdbc.update(before, "old-2", "doubled", "demo-bastille", OffsetDateTime.parse("2026-11-20T09:00:01Z"));

        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();

        assertThat(jdbc.queryForObject("select count(*) from store_visit where customer_id = 'doubled' "
                + "and visit_day is null", Integer.class)).as("visits stored before the migration").isEqualTo(2);
        String after = "insert into store_visit (visit_id, customer_id, store_id, visited_at, visit_day) "
                + "values (?, 'new', 'demo-bastille', ?, ?)";
        jdbc.update(after, "new-1", OffsetDateTime.parse("2026-11-20T09:00:00Z"), Date.valueOf("2026-11-20"));
        assertThatThrownBy(() -> jdbc.update(after, "new-2", OffsetDateTime.parse("2026-11-20T15:00:00Z"),
                Date.valueOf("2026-11-20"))).isInstanceOf(DuplicateKeyException.class);
        jdbc.update(after, "new-3", OffsetDateTime.parse("2026-11-21T09:00:00Z"), Date.valueOf("2026-11-21"));
    }
}
