package io.solomo.model.offer;

import io.solomo.model.Channel;
import io.solomo.model.Language;
import io.solomo.model.LoyaltyTier;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The facts about a customer that the offer rules read at decision time. Immutable: rules read it and never change it.
 *
 * <p>{@code consentedChannels} contains only channels whose marketing consent is currently granted; a channel that was
 * denied, withdrawn or never asked for is absent. {@code preferredChannels} is ordered, most preferred first.
 * {@code segments} contains the ids of the named segments the customer belongs to, so that a rule can write
 * {@code CustomerFacts(segments contains "active-advocates")}.
 */
public final class CustomerFacts {

    private final String customerId;
    private final LoyaltyTier loyaltyTier;
    private final Language language;
    private final List<Channel> preferredChannels;
    private final Set<Channel> consentedChannels;
    private final ProfileFacts profile;
    private final List<String> segments;

    /** Facts of a customer with no derived attributes: see {@link ProfileFacts#NONE}. */
    public CustomerFacts(String customerId, LoyaltyTier loyaltyTier, Language language,
                         List<Channel> preferredChannels, Set<Channel> consentedChannels) {
        this(customerId, loyaltyTier, language, preferredChannels, consentedChannels, ProfileFacts.NONE);
    }

    /** Facts of a customer with the attributes derived from their interactions, in no segment. */
    public CustomerFacts(String customerId, LoyaltyTier loyaltyTier, Language language,
                         List<Channel> preferredChannels, Set<Channel> consentedChannels, ProfileFacts profile) {
        this(customerId, loyaltyTier, language, preferredChannels, consentedChannels, profile, List.of());
    }

    /**
     * Facts of a customer with the attributes derived from their interactions and the ids of the segments they
     * belong to, in id order.
     */
    public CustomerFacts(String customerId, LoyaltyTier loyaltyTier, Language language,
                         List<Channel> preferredChannels, Set<Channel> consentedChannels, ProfileFacts profile,
                         List<String> segments) {
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.loyaltyTier = Objects.requireNonNull(loyaltyTier, "loyaltyTier");
        this.language = Objects.requireNonNull(language, "language");
        this.preferredChannels = List.copyOf(preferredChannels);
        this.consentedChannels = Set.copyOf(consentedChannels);
        this.profile = Objects.requireNonNull(profile, "profile");
        this.segments = List.copyOf(segments);
    }

    public String getCustomerId() {
        return customerId;
    }

    public LoyaltyTier getLoyaltyTier() {
        return loyaltyTier;
    }

    public Language getLanguage() {
        return language;
    }

    public List<Channel> getPreferredChannels() {
        return preferredChannels;
    }

    public Set<Channel> getConsentedChannels() {
        return consentedChannels;
    }

    /** The attributes derived from the customer's interactions; {@link ProfileFacts#NONE} when unknown. */
    public ProfileFacts getProfile() {
        return profile;
    }

    public int getVisitCount() {
        return profile.visitCount();
    }

    public int getPurchaseCount() {
        return profile.purchaseCount();
    }

    /** Whole days since the last purchase, or -1 when the customer never bought anything. */
    public long getRecencyDays() {
        return profile.recencyDays();
    }

    /** Total spent, in the brand's currency. */
    public double getMonetaryValue() {
        return profile.monetaryValue();
    }

    /** The store visited most, or null. */
    public String getFavouriteStoreId() {
        return profile.favouriteStoreId();
    }

    /** The store of the latest in-store interaction, or null. */
    public String getLastStoreId() {
        return profile.lastStoreId();
    }

    /** Up to three product categories, most money spent first. */
    public List<String> getFavouriteCategories() {
        return profile.favouriteCategories();
    }

    public double getEngagementScore() {
        return profile.engagementScore();
    }

    public int getAdvocacyScore() {
        return profile.advocacyScore();
    }

    /** Returns the ids of the named segments the customer belongs to, in id order. */
    public List<String> getSegments() {
        return segments;
    }

    public boolean isInSegment(String segmentId) {
        return segments.contains(segmentId);
    }

    public boolean hasConsentFor(Channel channel) {
        return consentedChannels.contains(channel);
    }

    @Override
    public String toString() {
        return "CustomerFacts[" + customerId + ", " + loyaltyTier + ", consented " + consentedChannels + "]";
    }
}
