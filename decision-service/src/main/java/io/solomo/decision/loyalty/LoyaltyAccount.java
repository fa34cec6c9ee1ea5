package io.solomo.decision.loyalty;

import io.solomo.model.LoyaltyTier;
import io.solomo.decision.persistence.AssignedIdEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/**
 * A customer's points balance, lifetime points and tier; every change also writes a {@link LoyaltyEntry}.
 *
 * <p>A new account is inserted, never merged: merging a new instance over a row that a concurrent transaction has
 * just inserted would overwrite its balance, whereas an insert fails on the duplicate key and is retried.
 */
@Entity
@Table(name = "loyalty_account")
class LoyaltyAccount extends AssignedIdEntity<String> {

    @Id
    @Column(name = "customer_id")
    private String customerId;

    @Column(name = "balance", nullable = false)
    private long balance;

    @Column(name = "lifetime_points", nullable = false)
    private long lifetimePoints;

    @Enumerated(EnumType.STRING)
    @Column(name = "tier", nullable = false)
    private LoyaltyTier tier;

    @Column(name = "last_activity", nullable = false)
    private Instant lastActivity;

    @Version
    private long version;

    protected LoyaltyAccount() {
    }

    LoyaltyAccount(String customerId, LoyaltyTier tier, Instant openedAt) {
        this.customerId = customerId;
        this.tier = tier;
        this.lastActivity = openedAt;
    }

    @Override
    public String getId() {
        return customerId;
    }

    void earn(int points, Instant at) {
        balance += points;
        lifetimePoints += points;
        lastActivity = at;
    }

    /** Takes points off the balance; the caller has checked that the balance covers them. */
    void spend(int points, Instant at) {
        if (points > balance) {
            throw new IllegalStateException("spending " + points + " points exceeds the balance " + balance);
        }
        balance -= points;
        lastActivity = at;
    }

    /** Removes the whole balance and returns how many points expired. */
    long expire() {
        long expired = balance;
        balance = 0;
        return expired;
    }

    void changeTier(LoyaltyTier newTier) {
        this.tier = newTier;
    }

    String customerId() {
        return customerId;
    }

    long balance() {
        return balance;
    }

    long lifetimePoints() {
        return lifetimePoints;
    }

    LoyaltyTier tier() {
        return tier;
    }

    Instant lastActivity() {
        return lastActivity;
    }
}
