package io.solomo.decision.profile;

import io.solomo.model.offer.CustomerFacts;
import org.springframework.stereotype.Component;

/** Builds the facts the offer rules read from a stored profile. */
@Component
public class CustomerFactsAssembler {

    public CustomerFacts factsOf(Customer customer) {
        return new CustomerFacts(customer.customerId(), customer.loyaltyTier(), customer.language(),
                customer.preferredChannels(), customer.channelsWithGrantedConsent());
    }
}
