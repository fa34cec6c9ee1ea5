package io.solomo.decision.offer;

import org.springframework.stereotype.Service;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The probability that a customer of a segment takes up an offer, learnt from outcomes with a Beta-Bernoulli
 * update: the offer's prior propensity weighs as {@code solomo.policy.prior-strength} pseudo-observations, each
 * acceptance or redemption adds a success and each ignored offer a failure, and the propensity is the posterior
 * mean {@code (prior × strength + successes) / (strength + successes + failures)}.
 */
@Service
class PropensityModel {

    private final OfferPropensityRepository observations;
    private final double priorStrength;

    PropensityModel(OfferPropensityRepository observations, PolicySettings settings) {
        this.observations = observations;
        this.priorStrength = settings.priorStrength();
    }

    double propensity(Offer offer, String segment) {
        return observations.findById(new OfferPropensity.Key(offer.offerId(), segment))
                .map(seen -> posteriorMean(offer.priorPropensity(), seen.successes(), seen.failures()))
                .orElse(offer.priorPropensity());
    }

    /** Returns the propensity of each offer for the segment, by offer id, read with one query. */
    Map<String, Double> propensities(Collection<Offer> offers, String segment) {
        List<OfferPropensity.Key> keys = offers.stream()
                .map(offer -> new OfferPropensity.Key(offer.offerId(), segment))
                .toList();
        Map<String, OfferPropensity> seen = new HashMap<>();
        observations.findAllById(keys).forEach(observed -> seen.put(observed.getId().offerId(), observed));
        Map<String, Double> propensities = new HashMap<>();
        for (Offer offer : offers) {
            OfferPropensity observed = seen.get(offer.offerId());
            propensities.put(offer.offerId(), observed == null ? offer.priorPropensity()
                    : posteriorMean(offer.priorPropensity(), observed.successes(), observed.failures()));
        }
        return propensities;
    }

    /** Counts one outcome; the caller's transaction retries on a concurrent update (optimistic lock). */
    void learn(String offerId, String segment, boolean success) {
        OfferPropensity seen = observations.findById(new OfferPropensity.Key(offerId, segment))
                .orElseGet(() -> new OfferPropensity(offerId, segment));
        if (success) {
            seen.recordSuccess();
        } else {
            seen.recordFailure();
        }
        observations.save(seen);
    }

    private double posteriorMean(double prior, double successes, double failures) {
        return (prior * priorStrength + successes) / (priorStrength + successes + failures);
    }
}
