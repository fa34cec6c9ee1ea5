package io.solomo.model.offer;

import io.solomo.model.Channel;
import io.solomo.model.Language;
import io.solomo.model.LoyaltyTier;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the offer rules know of a customer at decision time. Immutable: rules read it and never change it.
 *
 * <p>{@code consentedChannels} holds only channels whose marketing consent is currently granted; a channel that was
 * denied, withdrawn or never asked for is absent. {@code preferredChannels} is ordered, most preferred first.
 */
public final class CustomerFacts {

    private final String customerId;
    private final LoyaltyTier loyaltyTier;
    private final Language language;
    private final List<Channel> preferredChannels;
    private final Set<Channel> consentedChannels;

    public CustomerFacts(String customerId, LoyaltyTier loyaltyTier, Language language,
                         List<Channel> preferredChannels, Set<Channel> consentedChannels) {
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.loyaltyTier = Objects.requireNonNull(loyaltyTier, "loyaltyTier");
        this.language = Objects.requireNonNull(language, "language");
        this.preferredChannels = List.copyOf(preferredChannels);
        this.consentedChannels = Set.copyOf(consentedChannels);
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

    public boolean hasConsentFor(Channel channel) {
        return consentedChannels.contains(channel);
    }

    @Override
    public String toString() {
        return "CustomerFacts[" + customerId + ", " + loyaltyTier + ", consented " + consentedChannels + "]";
    }
}
