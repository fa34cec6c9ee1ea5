package io.solomo.decision.offer;

import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;

/** Reads the current propensities of catalogue offers from memory, for reports outside the offer engine. */
@Component
public class OfferPropensities {

    private final OfferCatalogue catalogue;
    private final PropensityModel model;

    OfferPropensities(OfferCatalogue catalogue, PropensityModel model) {
        this.catalogue = catalogue;
        this.model = model;
    }

    /** Returns the offer's propensities, or empty when the catalogue has no offer with this id. */
    public Optional<Propensity> of(String offerId) {
        return catalogue.find(offerId)
                .map(offer -> new Propensity(offer.priorPropensity(), model.learntBySegment(offer)));
    }

    /**
     * An offer's prior propensity and the posterior mean learnt in each segment (loyalty tier) that has outcomes. A
     * segment without outcomes uses the prior.
     */
    public record Propensity(double prior, Map<String, Double> bySegment) {
    }
}
