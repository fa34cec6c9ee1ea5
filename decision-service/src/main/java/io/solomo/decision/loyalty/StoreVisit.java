package io.solomo.decision.loyalty;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One visit of a customer to a store, by the id of the enter transition that detected it. */
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

    protected StoreVisit() {
    }

    StoreVisit(String visitId, String customerId, String storeId, Instant visitedAt) {
        this.visitId = visitId;
        this.customerId = customerId;
        this.storeId = storeId;
        this.visitedAt = visitedAt;
    }
}
