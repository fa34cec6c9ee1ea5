package io.solomo.decision.profile;

import io.solomo.model.Channel;
import io.solomo.model.Language;
import io.solomo.model.LoyaltyTier;
import io.solomo.model.offer.CustomerFacts;
import io.solomo.model.offer.ProfileFacts;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Builds the facts the offer rules read from a stored profile, derived attributes included. */
@Component
public class CustomerFactsAssembler {

    private final Clock clock;

    CustomerFactsAssembler(Clock clock) {
        this.clock = clock;
    }

    public CustomerFacts factsOf(Customer customer) {
        return factsOf(customer.customerId(), customer.loyaltyTier(), customer.language(),
                customer.preferredChannels(), customer.channelsWithGrantedConsent(), customer.attributes());
    }

    /** Builds the facts from a profile's values as {@link DecisionProfiles} reads them without the entity. */
    CustomerFacts factsOf(String customerId, LoyaltyTier tier, Language language, List<Channel> preferredChannels,
                          Set<Channel> consentedChannels, ProfileAttributes attributes) {
        return new CustomerFacts(customerId, tier, language, preferredChannels, consentedChannels,
                profileOf(attributes));
    }

    private ProfileFacts profileOf(ProfileAttributes attributes) {
        Instant now = clock.instant();
        Long recency = attributes.recencyDays(now);
        return new ProfileFacts(attributes.visitCount(), attributes.purchaseCount(),
                recency == null ? -1 : recency, attributes.monetaryTotal().doubleValue(),
                attributes.favouriteStoreId(), attributes.lastStoreId(), attributes.favouriteCategories(),
                attributes.engagementScore(now), attributes.advocacyScore());
    }
}
