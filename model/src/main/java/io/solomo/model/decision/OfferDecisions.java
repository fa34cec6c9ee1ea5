package io.solomo.model.decision;

/** The offer engine as the Camel routes and other callers see it. */
public interface OfferDecisions {

    /**
     * Decides which offers to present, stores the decision and returns it.
     *
     * @throws UnknownCustomerException when no profile has the request's customer id
     */
    Decision decide(DecisionRequest request);
}
