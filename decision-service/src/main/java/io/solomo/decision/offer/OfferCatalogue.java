package io.solomo.decision.offer;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The offer catalogue held in memory as an immutable snapshot, so that a decision reads its candidates' offers
 * without a query. {@link OfferSnapshotPoller} rebuilds the snapshot off the request path every
 * {@code solomo.offers.refresh-interval}, which is how a change made on another node arrives. A change written
 * through JPA on this node is seen by the next read after its commit: that read rebuilds the snapshot first.
 *
 * <p>The snapshot also maps each local template to the offers of its approved local campaigns, one per store, so
 * that a decision finds the local campaign running at its store without a query.
 *
 * <p>The offers of a snapshot are detached, read-only entities: callers must not change them, and their campaign
 * is not loaded.
 */
@Component
public class OfferCatalogue {

    /** Counts the offer changes committed on this node, so that a snapshot can tell it is out of date. */
    private static final AtomicLong localChanges = new AtomicLong();

    private final OfferRepository offers;
    private final LocalTemplateRepository templates;
    private volatile Snapshot snapshot;

    OfferCatalogue(OfferRepository offers, LocalTemplateRepository templates) {
        this.offers = offers;
        this.templates = templates;
    }

    /** Returns the offer with this id, or empty when the catalogue has none. */
    Optional<Offer> find(String offerId) {
        return Optional.ofNullable(current().offers().get(offerId));
    }

    /** Returns true when the catalogue has an offer with this id, switched on or not. */
    public boolean contains(String offerId) {
        return current().offers().containsKey(offerId);
    }

    /**
     * Returns the offer of the approved local campaign of this template that runs at the store at this moment, or
     * empty when none does or the offer is no template.
     */
    Optional<Offer> localOffer(String templateOfferId, String storeId, Instant at) {
        if (storeId == null) {
            return Optional.empty();
        }
        for (Offer local : current().localOffers().getOrDefault(templateOfferId, List.of())) {
            if (storeId.equals(local.storeId()) && !at.isBefore(local.validFrom()) && at.isBefore(local.validTo())) {
                return Optional.of(local);
            }
        }
        return Optional.empty();
    }

    /** Returns the local template settings of this offer, or empty when head office did not mark it as one. */
    public Optional<LocalTemplate> template(String offerId) {
        return Optional.ofNullable(current().templates().get(offerId));
    }

    /** Rebuilds the snapshot from the database, within the caller's transaction when there is one. */
    synchronized void refresh() {
        long changes = localChanges.get();
        Map<String, Offer> loaded = new HashMap<>();
        Map<String, List<Offer>> localOffers = new HashMap<>();
        for (Offer offer : offers.findAllReadOnly()) {
            loaded.put(offer.offerId(), offer);
            // Only approved local campaigns have their offers switched on.
            if (offer.templateOfferId() != null && offer.active()) {
                localOffers.computeIfAbsent(offer.templateOfferId(), id -> new ArrayList<>()).add(offer);
            }
        }
        Map<String, LocalTemplate> loadedTemplates = new HashMap<>();
        for (LocalTemplate template : templates.findAll()) {
            loadedTemplates.put(template.offerId(), template);
        }
        localOffers.replaceAll((templateOfferId, list) -> List.copyOf(list));
        snapshot = new Snapshot(Map.copyOf(loaded), Map.copyOf(localOffers), Map.copyOf(loadedTemplates), changes);
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

    private record Snapshot(Map<String, Offer> offers, Map<String, List<Offer>> localOffers,
                            Map<String, LocalTemplate> templates, long localChanges) {
    }
}
