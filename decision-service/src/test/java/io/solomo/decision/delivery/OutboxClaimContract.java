package io.solomo.decision.delivery;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link OutboxStore} claims rows, run against each database the server supports: the subclass gives the JDBC
 * URL and credentials of an empty database, which Flyway migrates before each test.
 */
abstract class OutboxClaimContract {

    private static final Duration LEASE = Duration.ofSeconds(60);

    private HikariDataSource dataSource;
    JdbcTemplate jdbc;

    abstract String jdbcUrl();

    abstract String user();

    @BeforeEach
    void migrate() {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(jdbcUrl());
        dataSource.setUsername(user());
        dataSource.setPassword(user());
        dataSource.setMaximumPoolSize(8);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").cleanDisabled(false).load()
                .migrate();
        jdbc = new JdbcTemplate(dataSource);
    }

    @AfterEach
    void dropSchema() {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").cleanDisabled(false).load()
                .clean();
        dataSource.close();
    }

    @Test
    void concurrentNodesNeverClaimOneRowTwice() throws Exception {
        int rows = 2_000;
        for (int i = 0; i < rows; i++) {
            queue(Instant.now().minusSeconds(rows - i));
        }
        ExecutorService nodes = Executors.newFixedThreadPool(4);

        List<Future<List<String>>> claimed = new ArrayList<>();
        try {
            for (int node = 0; node < 4; node++) {
                OutboxStore store = store();
                Callable<List<String>> claimUntilEmpty = () -> {
                    List<String> ids = new ArrayList<>();
                    List<OutboundMessage> batch;
                    while (!(batch = store.claimDue(50)).isEmpty()) {
                        batch.forEach(message -> ids.add(message.deliveryId()));
                    }
                    return ids;
                };
                claimed.add(nodes.submit(claimUntilEmpty));
            }
        } finally {
            nodes.shutdown();
        }

        List<String> all = new ArrayList<>();
        for (Future<List<String>> node : claimed) {
            all.addAll(node.get());
        }
        Set<String> distinct = new HashSet<>(all);
        assertThat(all).hasSize(rows);
        assertThat(distinct).hasSize(rows);
        assertThat(jdbc.queryForObject("select count(distinct claimed_by) from delivery", Integer.class))
                .isGreaterThan(1);
    }

    @Test
    void claimTakesOldestDueRowsFirst() {
        Instant now = Instant.now();
        String newest = queue(now.minus(Duration.ofHours(1)));
        String oldest = queue(now.minus(Duration.ofHours(3)));
        String middle = queue(now.minus(Duration.ofHours(2)));
        queue(now.plus(Duration.ofHours(1)));
        OutboxStore store = store();

        List<OutboundMessage> first = store.claimDue(2);
        List<OutboundMessage> second = store.claimDue(10);

        assertThat(first).extracting(OutboundMessage::deliveryId).containsExactlyInAnyOrder(oldest, middle);
        assertThat(second).extracting(OutboundMessage::deliveryId).containsExactly(newest);
    }

    @Test
    void claimTakesDueRetriesBeforeQueuedRows() {
        Instant now = Instant.now();
        queue(now.minus(Duration.ofHours(2)));
        String retry = queue(now.minus(Duration.ofMinutes(1)));
        jdbc.update("update delivery set status = 'FAILED', attempts = 1 where delivery_id = ?", retry);

        List<OutboundMessage> claimed = store().claimDue(1);

        assertThat(claimed).extracting(OutboundMessage::deliveryId).containsExactly(retry);
        assertThat(claimed.get(0).attempts()).isEqualTo(1);
    }

    @Test
    void rowQueuedWithoutAttemptTimeIsDue() {
        String deliveryId = UUID.randomUUID().toString();
        jdbc.update("""
                insert into delivery (delivery_id, decision_id, customer_id, offer_id, channel, status, message,
                    created_at)
                values (?, ?, 'demo-alice', 'OFFER', 'PUSH', 'QUEUED', 'body', current_timestamp)""",
                deliveryId, UUID.randomUUID().toString());

        List<OutboundMessage> claimed = store().claimDue(10);

        assertThat(claimed).extracting(OutboundMessage::deliveryId).containsExactly(deliveryId);
    }

    @Test
    void leasedRowWaitsForLeaseEnd() {
        String deliveryId = queue(Instant.now().minusSeconds(10));
        OutboxStore stopped = store();
        OutboxStore other = store();
        OutboundMessage firstClaim = stopped.claimDue(10).get(0);

        List<OutboundMessage> whileLeased = other.claimDue(10);
        jdbc.update("update delivery set claimed_until = ? where delivery_id = ?",
                SqlTime.of(Instant.now().minusSeconds(1)), deliveryId);
        List<OutboundMessage> afterLease = other.claimDue(10);
        stopped.markSent(List.of(new OutboxStore.Sent(firstClaim, "from-the-stopped-node")));

        assertThat(whileLeased).isEmpty();
        assertThat(afterLease).extracting(OutboundMessage::deliveryId).containsExactly(deliveryId);
        assertThat(afterLease.get(0).claim()).isNotEqualTo(firstClaim.claim());
        assertThat(jdbc.queryForObject("select status from delivery where delivery_id = ?", String.class,
                deliveryId)).isEqualTo("QUEUED");
    }

    @Test
    void sentRowsAreNotClaimedAgain() {
        queue(Instant.now().minusSeconds(10));
        queue(Instant.now().minusSeconds(5));
        OutboxStore store = store();
        List<OutboundMessage> claimed = store.claimDue(10);

        store.markSent(claimed.stream().map(message -> new OutboxStore.Sent(message, "id-" + message.deliveryId()))
                .toList());

        assertThat(store.claimDue(10)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from delivery where status = 'SENT' and attempts = 1 "
                + "and claimed_by is null and provider_message_id = 'id-' || delivery_id", Integer.class))
                .isEqualTo(2);
    }

    private OutboxStore store() {
        return new OutboxStore(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                Clock.systemUTC(), LEASE);
    }

    private String queue(Instant nextAttemptAt) {
        String deliveryId = UUID.randomUUID().toString();
        jdbc.update("""
                insert into delivery (delivery_id, decision_id, customer_id, offer_id, channel, status, message,
                    attempts, next_attempt_at, created_at)
                values (?, ?, 'demo-alice', 'OFFER', 'PUSH', 'QUEUED', 'body', 0, ?, current_timestamp)""",
                deliveryId, UUID.randomUUID().toString(), SqlTime.of(nextAttemptAt));
        return deliveryId;
    }
}
