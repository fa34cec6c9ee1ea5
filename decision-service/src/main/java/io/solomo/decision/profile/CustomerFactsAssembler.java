package io.solomo.decision.profile;

import io.solomo.model.offer.CustomerFacts;
import io.solomo.model.offer.ProfileFacts;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/** Builds the facts the offer rules read from a stored profile, derived attributes included. */
@Component
public class CustomerFactsAssembler {

    private final Clock clock;

    CustomerFactsAssembler(Clock clock) {
        this.clock = clock;
    }

    public CustomerFacts factsOf(Customer customer) {
        return new CustomerFacts(customer.customerId(), customer.loyaltyTier(), customer.language(),
                customer.preferredChannels(), customer.channelsWithGrantedConsent(), profileOf(customer));
    }

    private ProfileFacts profileOf(Customer customer) {
        Instant now = clock.instant();
        ProfileAttributes attributes = customer.attributes();
        Long recency = attributes.recencyDays(now);
        return new ProfileFacts(attributes.visitCount(), attributes.purchaseCount(),
                recency == null ? -1 : recency, attributes.monetaryTotal().doubleValue(),
                attributes.favouriteStoreId(), attributes.lastStoreId(), attributes.favouriteCategories(),
                attributes.engagementScore(now), attributes.advocacyScore());
    }
}
