package io.solomo.decision.offer;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The probability that a customer of a segment takes up an offer, learnt from outcomes with a Beta-Bernoulli
 * update: the offer's prior propensity weighs as {@code solomo.policy.prior-strength} pseudo-observations, each
 * acceptance or redemption adds a success and each ignored offer a failure, and the propensity is the posterior
 * mean {@code (prior × strength + successes) / (strength + successes + failures)}.
 *
 * <p>The outcome counts are held in memory, so that a decision reads no row. An outcome learnt on this node updates
 * them when its transaction commits; {@link OfferSnapshotPoller} reloads them from the database every
 * {@code solomo.offers.refresh-interval}, which is how the outcomes learnt on other nodes arrive.
 */
@Service
class PropensityModel {

    private final OfferPropensityRepository observations;
    private final double priorStrength;
    private volatile Map<OfferPropensity.Key, Observed> observed;

    PropensityModel(OfferPropensityRepository observations, PolicySettings settings) {
        this.observations = observations;
        this.priorStrength = settings.priorStrength();
    }

    double propensity(Offer offer, String segment) {
        Observed seen = counts().get(new OfferPropensity.Key(offer.offerId(), segment));
        return seen == null ? offer.priorPropensity()
                : posteriorMean(offer.priorPropensity(), seen.successes(), seen.failures());
    }

    /** Returns the propensity of each offer for the segment, by offer id. */
    Map<String, Double> propensities(Collection<Offer> offers, String segment) {
        Map<String, Double> propensities = new HashMap<>();
        for (Offer offer : offers) {
            propensities.put(offer.offerId(), propensity(offer, segment));
        }
        return propensities;
    }

    /** Returns the learnt propensity of the offer in each segment that has outcome counts, by segment. */
    Map<String, Double> learntBySegment(Offer offer) {
        Map<String, Double> bySegment = new TreeMap<>();
        counts().forEach((key, seen) -> {
            if (key.offerId().equals(offer.offerId())) {
                bySegment.put(key.segment(), posteriorMean(offer.priorPropensity(), seen.successes(), seen.failures()));
            }
        });
        return bySegment;
    }

    /**
     * Loads the counts of an offer in a segment into the caller's transaction, so that their version check at commit
     * also covers what the caller reads after this call. Counts that do not exist yet are inserted at zero now, so
     * that a concurrent first outcome fails on the primary key instead of both counting.
     */
    void holdCounts(String offerId, String segment) {
        if (observations.findById(new OfferPropensity.Key(offerId, segment)).isEmpty()) {
            observations.saveAndFlush(new OfferPropensity(offerId, segment));
        }
    }

    /** Counts one outcome; the caller's transaction retries on a concurrent update (optimistic lock). */
    void learn(String offerId, String segment, boolean success) {
        update(offerId, segment, success ? OfferPropensity::recordSuccess : OfferPropensity::recordFailure);
    }

    /** Turns one counted failure into a success, for an offer that converted after it was ignored. */
    void reviseToSuccess(String offerId, String segment) {
        update(offerId, segment, OfferPropensity::reviseFailureToSuccess);
    }

    private void update(String offerId, String segment, Consumer<OfferPropensity> change) {
        OfferPropensity seen = observations.findById(new OfferPropensity.Key(offerId, segment))
                .orElseGet(() -> new OfferPropensity(offerId, segment));
        change.accept(seen);
        OfferPropensity stored = observations.save(seen);
        Observed counts = new Observed(stored.successes(), stored.failures());
        whenCommitted(() -> counts().put(stored.getId(), counts));
    }

    /** Reloads every outcome count from the database, within the caller's transaction when there is one. */
    void refresh() {
        ConcurrentHashMap<OfferPropensity.Key, Observed> loaded = new ConcurrentHashMap<>();
        for (OfferPropensity row : observations.findAllReadOnly()) {
            loaded.put(row.getId(), new Observed(row.successes(), row.failures()));
        }
        // NOTE: an outcome learnt here while this reload ran may be overwritten by its older count until the next
        // reload, at most one refresh interval later.
        observed = loaded;
    }

    private Map<OfferPropensity.Key, Observed> counts() {
        Map<OfferPropensity.Key, Observed> current = observed;
        if (current == null) {
            synchronized (this) {
                if (observed == null) {
                    refresh();
                }
                current = observed;
            }
        }
        return current;
    }

    private static void whenCommitted(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    private double posteriorMean(double prior, double successes, double failures) {
        return (prior * priorStrength + successes) / (priorStrength + successes + failures);
    }

    private record Observed(double successes, double failures) {
    }
}
