package io.solomo.decision.loyalty;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One visit of a customer to a store, by the id of the enter transition that detected it. {@link StoreRegulars}
 * inserts the rows with JDBC.
 */
@Entity
@Table(name = "store_visit")
class StoreVisit {

    @Id
    @Column(name = "visit_id")
    private String visitId;

    @Column(name = "customer_id", nullable = false)
    private String customerId;

    @Column(name = "store_id", nullable = false)
    private String storeId;

    @Column(name = "visited_at", nullable = false)
    private Instant visitedAt;

    /**
     * The date of the visit in the store's time zone, unique per customer and store. Null on the visits stored
     * before the column existed.
     */
    @Column(name = "visit_day")
    private LocalDate visitDay;

    protected StoreVisit() {
    }
}
