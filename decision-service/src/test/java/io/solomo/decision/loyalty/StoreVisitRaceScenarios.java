package io.solomo.decision.loyalty;

import io.solomo.decision.support.DemoServer;
import io.solomo.model.location.StoreEntered;
import io.solomo.model.location.StoresEntered;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two transactions counting the same customer's visits to a store on the same day at once, run by a subclass on
 * H2 and by another on PostgreSQL.
 */
abstract class StoreVisitRaceScenarios extends DemoServer {

    @Autowired
    StoreRegulars regulars;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void simultaneousSameDayVisitsCountOnce() throws Exception {
        String customerId = "race-" + UUID.randomUUID();
        String store = "store-" + UUID.randomUUID();
        String otherStore = "store-" + UUID.randomUUID();
        StoreEntered morning = visit(customerId, store, "2026-11-20T09:00:00Z");
        StoreEntered afternoon = visit(customerId, store, "2026-11-20T15:00:00Z");
        StoreEntered elsewhere = visit(customerId, otherStore, "2026-11-20T15:30:00Z");
        CountDownLatch morningInserted = new CountDownLatch(1);
        CountDownLatch commitMorning = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            // The first count joins a transaction that stays open, so its visit is inserted but not yet committed.
            Future<?> first = threads.submit(() -> transaction.executeWithoutResult(status -> {
                regulars.countVisits(new StoresEntered(List.of(morning)));
                morningInserted.countDown();
                awaitUninterruptibly(commitMorning);
            }));
            assertThat(morningInserted.await(60, TimeUnit.SECONDS)).as("first count inserted its visit").isTrue();
            Future<?> second = threads.submit(() ->
                    regulars.countVisits(new StoresEntered(List.of(afternoon, elsewhere))));
            // Without a unique key the second count finds no committed visit, inserts its own and ends. With one,
            // its insert waits for the first transaction, which commits once the database shows that insert.
            awaitEndOrPendingInsert(second);
            commitMorning.countDown();
            first.get(60, TimeUnit.SECONDS);
            second.get(60, TimeUnit.SECONDS);
        } finally {
            commitMorning.countDown();
            threads.shutdownNow();
        }

        assertThat(visitIds(customerId, store)).as("one visit per customer, store and day")
                .containsExactly(morning.transitionId());
        assertThat(visitIds(customerId, otherStore)).as("the other visit of the second batch")
                .containsExactly(elsewhere.transitionId());
    }

    /**
     * Returns the query that counts the sessions whose insert into store_visit is under way, such as one waiting
     * for another session's uncommitted row, in the SQL of the database under test.
     */
    abstract String pendingInsertsQuery();

    private void awaitEndOrPendingInsert(Future<?> count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!count.isDone() && System.nanoTime() < deadline) {
            if (jdbc.queryForObject(pendingInsertsQuery(), Integer.class) > 0) {
                return;
            }
            Thread.sleep(10);
        }
    }

    private List<String> visitIds(String customerId, String storeId) {
        return jdbc.queryForList("select visit_id from store_visit where customer_id = ? and store_id = ?",
                String.class, customerId, storeId);
    }

    private static StoreEntered visit(String customerId, String storeId, String at) {
        return new StoreEntered(customerId, "phone-" + customerId, storeId, UUID.randomUUID().toString(),
                Instant.parse(at));
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
