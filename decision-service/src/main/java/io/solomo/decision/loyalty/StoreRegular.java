package io.solomo.decision.loyalty;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import org.springframework.data.domain.Persistable;

import java.time.Instant;

/** The regular of one store: the customer who visited it most in the window, and since when. */
@Entity
@Table(name = "store_regular")
class StoreRegular implements Persistable<String> {

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

    @Transient
    private boolean isNew = true;

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

    @Override
    public boolean isNew() {
        return isNew;
    }

    @PostLoad
    @PostPersist
    void markStored() {
        isNew = false;
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
