package io.solomo.decision.profile;

import io.solomo.decision.segment.SegmentCatalogue;
import io.solomo.decision.segment.SegmentProfile;
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

/**
 * Builds the facts the offer rules read from a stored profile, derived attributes included, and finds the named
 * segments the profile belongs to in the in-memory {@link SegmentCatalogue}, without a query.
 */
@Component
public class CustomerFactsAssembler {

    private final Clock clock;
    private final SegmentCatalogue segments;

    CustomerFactsAssembler(Clock clock, SegmentCatalogue segments) {
        this.clock = clock;
        this.segments = segments;
    }

    public CustomerFacts factsOf(Customer customer) {
        return factsOf(customer.customerId(), customer.loyaltyTier(), customer.language(),
                customer.preferredChannels(), customer.channelsWithGrantedConsent(), customer.attributes(),
                customer.isAnonymous(), customer.erasedAt() != null);
    }

    /** Returns the ids of the segments the customer belongs to now, in id order; none once erased. */
    public List<String> segmentsOf(Customer customer) {
        return factsOf(customer).getSegments();
    }

    /** Builds the facts from a profile's values as {@link DecisionProfiles} reads them without the entity. */
    CustomerFacts factsOf(String customerId, LoyaltyTier tier, Language language, List<Channel> preferredChannels,
                          Set<Channel> consentedChannels, ProfileAttributes attributes, boolean anonymous,
                          boolean erased) {
        Instant now = clock.instant();
        SegmentProfile segmentProfile = new SegmentProfile(tier, language, attributes.visitCount(),
                attributes.purchaseCount(), attributes.monetaryTotal(), attributes.lastPurchaseAt(),
                attributes.lastInteractionAt(), attributes.engagementScore(now), attributes.advocacyScore(),
                attributes.reviewCount(), attributes.shareCount(), attributes.lastStoreId(), consentedChannels,
                anonymous, erased);
        return new CustomerFacts(customerId, tier, language, preferredChannels, consentedChannels,
                profileOf(attributes, now), segments.segmentsOf(segmentProfile, now));
    }

    private static ProfileFacts profileOf(ProfileAttributes attributes, Instant now) {
        Long recency = attributes.recencyDays(now);
        return new ProfileFacts(attributes.visitCount(), attributes.purchaseCount(),
                recency == null ? -1 : recency, attributes.monetaryTotal().doubleValue(),
                attributes.favouriteStoreId(), attributes.lastStoreId(), attributes.favouriteCategories(),
                attributes.engagementScore(now), attributes.advocacyScore());
    }
}
