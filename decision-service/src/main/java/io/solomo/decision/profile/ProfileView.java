package io.solomo.decision.profile;

import io.solomo.model.Channel;
import io.solomo.model.LoyaltyTier;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A profile as the API returns it. {@code consents} contains the consent in force per purpose and channel, and
 * {@code segments} the ids of the named segments the customer belongs to, in id order.
 */
record ProfileView(String customerId, List<IdentityView> identities, List<ConsentView> consents,
                   PreferencesView preferences, AttributesView attributes, List<String> segments,
                   List<MergeView> mergedFrom) {

    static ProfileView of(Customer customer, List<CustomerMerge> merges, Instant now, List<String> segments) {
        return new ProfileView(customer.customerId(),
                customer.identities().stream().map(IdentityView::of).toList(),
                ConsentView.current(customer.consents()),
                PreferencesView.of(customer),
                AttributesView.of(customer, now),
                segments,
                merges.stream().map(MergeView::of).toList());
    }

    record IdentityView(IdentityType type, String value) {
        static IdentityView of(CustomerIdentity identity) {
            return new IdentityView(identity.type(), identity.value());
        }
    }

    /** One consent decision; {@code channel} is null for purposes not tied to a channel. */
    record ConsentView(ConsentPurpose purpose, Channel channel, ConsentStatus status, String source,
                       Instant recordedAt) {

        static ConsentView of(Consent consent) {
            return new ConsentView(consent.purpose(), consent.channel(), consent.status(), consent.source(),
                    consent.recordedAt());
        }

        /** The latest decision per purpose and channel, from a history in recording order. */
        static List<ConsentView> current(List<Consent> history) {
            Map<ConsentPurpose, Map<Channel, Consent>> latest = new EnumMap<>(ConsentPurpose.class);
            Map<ConsentPurpose, Consent> withoutChannel = new EnumMap<>(ConsentPurpose.class);
            for (Consent consent : history) {
                if (consent.channel() == null) {
                    withoutChannel.merge(consent.purpose(), consent, ConsentView::later);
                } else {
                    latest.computeIfAbsent(consent.purpose(), purpose -> new EnumMap<>(Channel.class))
                            .merge(consent.channel(), consent, ConsentView::later);
                }
            }
            List<ConsentView> current = new ArrayList<>();
            for (ConsentPurpose purpose : ConsentPurpose.values()) {
                if (withoutChannel.containsKey(purpose)) {
                    current.add(of(withoutChannel.get(purpose)));
                }
                latest.getOrDefault(purpose, Map.of()).values().forEach(consent -> current.add(of(consent)));
            }
            return current;
        }

        private static Consent later(Consent kept, Consent candidate) {
            return candidate.recordedAt().isBefore(kept.recordedAt()) ? kept : candidate;
        }
    }

    /** Contact preferences; {@code quietHours} is null when the customer set none. */
    record PreferencesView(List<Channel> channels, String language, String timeZone, QuietHours quietHours) {
        static PreferencesView of(Customer customer) {
            QuietHours quiet = customer.quietHoursStart() == null ? null
                    : new QuietHours(customer.quietHoursStart().toString(), customer.quietHoursEnd().toString());
            return new PreferencesView(customer.preferredChannels(), customer.language().code(),
                    customer.timeZone().getId(), quiet);
        }
    }

    /**
     * Hours in the customer's time zone when nothing may be sent; {@code end} before {@code start} spans midnight.
     * Each is written as the customer sent it, {@code 22:00} rather than {@code 22:00:00}, with seconds only when set.
     */
    record QuietHours(String start, String end) {
    }

    /**
     * The progressive profile. {@code recencyDays} is null before the first purchase; {@code frequency} is the
     * number of purchases and {@code monetaryValue} their total.
     */
    record AttributesView(boolean anonymous, int interactionCount, int visitCount, int purchaseCount,
                          Long recencyDays, int frequency, BigDecimal monetaryValue, Instant firstSeenAt,
                          Instant lastInteractionAt, Instant lastPurchaseAt, String lastStoreId,
                          String favouriteStoreId, List<String> favouriteCategories, double engagementScore,
                          int reviewCount, int shareCount, int advocacyScore, LoyaltyTier loyaltyTier) {

        static AttributesView of(Customer customer, Instant now) {
            ProfileAttributes attributes = customer.attributes();
            return new AttributesView(customer.isAnonymous(), attributes.interactionCount(),
                    attributes.visitCount(), attributes.purchaseCount(), attributes.recencyDays(now),
                    attributes.purchaseCount(), attributes.monetaryTotal(), attributes.firstSeenAt(),
                    attributes.lastInteractionAt(), attributes.lastPurchaseAt(), attributes.lastStoreId(),
                    attributes.favouriteStoreId(), attributes.favouriteCategories(),
                    attributes.engagementScore(now), attributes.reviewCount(), attributes.shareCount(),
                    attributes.advocacyScore(), customer.loyaltyTier());
        }
    }

    /** A profile absorbed into this one: its former id, when, by whom and on which event. */
    record MergeView(String customerId, Instant mergedAt, String mergedBy, String eventId) {
        static MergeView of(CustomerMerge merge) {
            return new MergeView(merge.absorbedId(), merge.mergedAt(), merge.mergedBy(), merge.eventId());
        }
    }

    /** The consent in force per purpose and channel, and every decision ever recorded, oldest first. */
    record ConsentsView(String customerId, List<ConsentView> current, List<ConsentView> history) {
        static ConsentsView of(Customer customer) {
            List<Consent> history = customer.consents();
            return new ConsentsView(customer.customerId(), ConsentView.current(history),
                    history.stream().map(ConsentView::of).toList());
        }
    }
}
