package io.solomo.decision.segment;

import io.solomo.model.Channel;
import io.solomo.model.Language;
import io.solomo.model.LoyaltyTier;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The attributes of a stored profile that segment conditions read, as the profile package derives them at one
 * instant.
 *
 * @param monetaryTotal      total spent, in the brand's currency
 * @param lastPurchaseAt     null when the customer never bought anything
 * @param lastInteractionAt  null when no interaction is known
 * @param engagementScore    the decayed score at the instant of evaluation, rounded to one decimal
 * @param advocacyScore      0 to 100, from reviews posted and social shares
 * @param lastStoreId        the store of the latest in-store interaction, or null
 * @param consentedChannels  the channels whose latest marketing consent is granted
 * @param erased             true when the customer's personal data was erased; an erased profile is in no segment
 */
public record SegmentProfile(LoyaltyTier loyaltyTier, Language language, int visitCount, int purchaseCount,
                             BigDecimal monetaryTotal, Instant lastPurchaseAt, Instant lastInteractionAt,
                             double engagementScore, int advocacyScore, int reviewCount, int shareCount,
                             String lastStoreId, Set<Channel> consentedChannels, boolean anonymous, boolean erased) {

    public SegmentProfile {
        Objects.requireNonNull(loyaltyTier, "loyaltyTier");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(monetaryTotal, "monetaryTotal");
        consentedChannels = Set.copyOf(consentedChannels);
    }
}
