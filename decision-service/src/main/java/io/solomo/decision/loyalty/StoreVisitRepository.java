package io.solomo.decision.loyalty;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.List;

/** Store visits, counted per customer over a window. */
interface StoreVisitRepository extends JpaRepository<StoreVisit, String> {

    /** Returns {@code [customerId, visits]} rows for the store since the instant, most visits first. */
    @Query("select v.customerId, count(v) from StoreVisit v where v.storeId = :storeId and v.visitedAt >= :since "
            + "group by v.customerId order by count(v) desc, max(v.visitedAt) desc")
    List<Object[]> visitsPerCustomer(String storeId, Instant since);

    /** Tells whether the customer has a visit to the store from {@code from} (inclusive) to {@code to} (exclusive). */
    @Query("select count(v) > 0 from StoreVisit v where v.customerId = :customerId and v.storeId = :storeId "
            + "and v.visitedAt >= :from and v.visitedAt < :to")
    boolean visitedBetween(String customerId, String storeId, Instant from, Instant to);
}
