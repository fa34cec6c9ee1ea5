package io.solomo.decision.loyalty;

import io.solomo.decision.persistence.AssignedIdEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** The regular of one store: the customer who visited it most in the window, and since when. */
@Entity
@Table(name = "store_regular")
class StoreRegular extends AssignedIdEntity<String> {

    @Id
    @Column(name = "store_id")
    private String storeId;

    @Column(name = "customer_id", nullable = false)
    private String customerId;

    @Column(name = "visits", nullable = false)
    private int visits;

    @Column(name = "since", nullable = false)
    private Instant since;

    @Version
    private long version;

    protected StoreRegular() {
    }

    StoreRegular(String storeId, String customerId, int visits, Instant since) {
        this.storeId = storeId;
        this.customerId = customerId;
        this.visits = visits;
        this.since = since;
    }

    /** Hands the status to another customer, from now on. */
    void passTo(String newCustomerId, int newVisits, Instant at) {
        this.customerId = newCustomerId;
        this.visits = newVisits;
        this.since = at;
    }

    void countVisits(int currentVisits) {
        this.visits = currentVisits;
    }

    @Override
    public String getId() {
        return storeId;
    }

    String storeId() {
        return storeId;
    }

    String customerId() {
        return customerId;
    }

    int visits() {
        return visits;
    }

    Instant since() {
        return since;
    }
}
