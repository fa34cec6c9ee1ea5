package io.solomo.decision.offer;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The offer catalogue held in memory as an immutable snapshot, so that a decision reads its candidates' offers
 * without a query. {@link OfferSnapshotPoller} rebuilds the snapshot off the request path every
 * {@code solomo.offers.refresh-interval}, which is how a change made on another node arrives. A change written
 * through JPA on this node is seen by the next read after its commit: that read rebuilds the snapshot first.
 *
 * <p>The offers of a snapshot are detached, read-only entities: callers must not change them, and their campaign
 * is not loaded.
 */
@Component
public class OfferCatalogue {

    /** Counts the offer changes committed on this node, so that a snapshot can tell it is out of date. */
    private static final AtomicLong localChanges = new AtomicLong();

    private final OfferRepository offers;
    private volatile Snapshot snapshot;

    OfferCatalogue(OfferRepository offers) {
        this.offers = offers;
    }

    /** Returns the offer with this id, or empty when the catalogue has none. */
    Optional<Offer> find(String offerId) {
        return Optional.ofNullable(current().offers().get(offerId));
    }

    /** Returns true when the catalogue has an offer with this id, switched on or not. */
    public boolean contains(String offerId) {
        return current().offers().containsKey(offerId);
    }

    /** Rebuilds the snapshot from the database, within the caller's transaction when there is one. */
    synchronized void refresh() {
        long changes = localChanges.get();
        Map<String, Offer> loaded = new HashMap<>();
        for (Offer offer : offers.findAllReadOnly()) {
            loaded.put(offer.offerId(), offer);
        }
        snapshot = new Snapshot(Map.copyOf(loaded), changes);
    }

    private Snapshot current() {
        Snapshot current = snapshot;
        if (current == null || current.localChanges() != localChanges.get()) {
            synchronized (this) {
                if (snapshot == current) {
                    refresh();
                }
                current = snapshot;
            }
        }
        return current;
    }

    /**
     * Marks the snapshot out of date once the current transaction commits, or at once without a transaction. Offer
     * calls it from its JPA lifecycle callbacks, which have no access to Spring beans.
     */
    static void markChanged() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    localChanges.incrementAndGet();
                }
            });
        } else {
            localChanges.incrementAndGet();
        }
    }

    private record Snapshot(Map<String, Offer> offers, long localChanges) {
    }
}
