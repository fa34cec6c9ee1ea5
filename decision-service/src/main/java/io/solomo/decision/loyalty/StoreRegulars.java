package io.solomo.decision.loyalty;

import io.solomo.decision.SettingChecks;
import io.solomo.decision.profile.ConflictRetry;
import io.solomo.model.location.StoreEntered;
import io.solomo.model.location.StoresEntered;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Date;
import java.sql.Savepoint;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Recognises the regulars of each store: a customer with at least {@code solomo.loyalty.regular-visits} visits to a
 * store within {@code solomo.loyalty.regular-window} becomes its regular, and keeps the status until another
 * customer visits it strictly more often within the window. Visits come from location tracking, once per enter and
 * at most once per customer, store and day ({@link VisitDays}), and the visits that one batch of fixes announces
 * together are counted in one transaction. A unique key on customer, store and local day keeps two batches that
 * count the same customer at the same store on the same day at once from both recording a visit.
 */
@Service
public class StoreRegulars {

    private static final Logger log = LoggerFactory.getLogger(StoreRegulars.class);

    private final StoreVisitRepository visits;
    private final StoreRegularRepository regulars;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final VisitDays days;
    private final int minimumVisits;
    private final Duration window;

    StoreRegulars(StoreVisitRepository visits, StoreRegularRepository regulars, JdbcTemplate jdbc,
                  TransactionTemplate transaction, VisitDays days,
                  @Value("${solomo.loyalty.regular-visits:4}") int minimumVisits,
                  @Value("${solomo.loyalty.regular-window:P30D}") Duration window) {
        this.visits = visits;
        this.regulars = regulars;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.days = days;
        this.minimumVisits = SettingChecks.atLeast("solomo.loyalty.regular-visits", minimumVisits, 1);
        this.window = SettingChecks.positive("solomo.loyalty.regular-window", window);
    }

    /** Returns the ids of the stores whose regular the customer is, in store id order. */
    public List<String> storesOf(String customerId) {
        return regulars.findByCustomerIdOrderByStoreId(customerId).stream().map(StoreRegular::storeId).toList();
    }

    @EventListener
    void countVisits(StoresEntered entered) {
        List<StoreEntered> visits = entered.visits();
        try {
            // The whole batch gets one attempt, because on a conflict the visits are counted one at a time below.
            ConflictRetry.inTransaction(transaction, "regulars of " + visits.size() + " store visits", 1, () -> {
                visits.forEach(this::recordAndRank);
                return null;
            });
            return;
        } catch (RuntimeException failure) {
            log.debug("Counting {} store visits at once failed, counting them one by one: {}", visits.size(),
                    failure.toString());
        }
        for (StoreEntered visit : visits) {
            try {
                ConflictRetry.inTransaction(transaction, "regulars of store " + visit.storeId(), () -> {
                    recordAndRank(visit);
                    return null;
                });
            } catch (RuntimeException failure) {
                // The offer for this visit must not be lost because the regulars could not be updated.
                log.warn("Visit {} to store {} was not counted for its regulars: {}", visit.transitionId(),
                        visit.storeId(), failure.toString());
            }
        }
    }

    private void recordAndRank(StoreEntered visit) {
        Instant[] day = days.dayOf(visit);
        if (!visits.existsById(visit.transitionId())
                && !visits.visitedBetween(visit.customerId(), visit.storeId(), day[0], day[1])) {
            insertVisit(visit);
        }
        List<Object[]> ranking = visits.visitsPerCustomer(visit.storeId(), visit.occurredAt().minus(window));
        if (ranking.isEmpty()) {
            return;
        }
        String leader = (String) ranking.get(0)[0];
        int leaderVisits = ((Number) ranking.get(0)[1]).intValue();
        Optional<StoreRegular> current = regulars.findById(visit.storeId());

        if (current.isEmpty()) {
            if (leaderVisits >= minimumVisits) {
                regulars.save(new StoreRegular(visit.storeId(), leader, leaderVisits, visit.occurredAt()));
                log.info("Customer {} became the regular of store {} with {} visits", leader, visit.storeId(),
                        leaderVisits);
            }
            return;
        }
        StoreRegular regular = current.get();
        int regularVisits = visitsOf(ranking, regular.customerId());
        if (!leader.equals(regular.customerId()) && leaderVisits > regularVisits && leaderVisits >= minimumVisits) {
            log.info("Customer {} became the regular of store {} with {} visits, after customer {} with {}", leader,
                    visit.storeId(), leaderVisits, regular.customerId(), regularVisits);
            regular.passTo(leader, leaderVisits, visit.occurredAt());
        } else {
            regular.countVisits(regularVisits);
        }
        regulars.save(regular);
    }

    /**
     * Inserts the visit, unless a concurrent transaction committed the customer's visit to that store on that day
     * first: the unique key rejects the insert, and the visit counts as already counted today. A failed insert
     * aborts a PostgreSQL transaction, so the insert runs within a savepoint.
     */
    private void insertVisit(StoreEntered visit) {
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            Savepoint savepoint = connection.setSavepoint();
            try {
                jdbc.update("insert into store_visit (visit_id, customer_id, store_id, visited_at, visit_day) "
                                + "values (?, ?, ?, ?, ?)", visit.transitionId(), visit.customerId(), visit.storeId(),
                        visit.occurredAt().atOffset(ZoneOffset.UTC), Date.valueOf(days.localDay(visit)));
                connection.releaseSavepoint(savepoint);
            } catch (DuplicateKeyException countedConcurrently) {
                connection.rollback(savepoint);
                log.debug("Visit {} of customer {} to store {} was already counted today by a concurrent "
                        + "transaction", visit.transitionId(), visit.customerId(), visit.storeId());
            }
            return null;
        });
    }

    private static int visitsOf(List<Object[]> ranking, String customerId) {
        for (Object[] row : ranking) {
            if (customerId.equals(row[0])) {
                return ((Number) row[1]).intValue();
            }
        }
        return 0;
    }
}
