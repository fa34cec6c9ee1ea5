package io.solomo.decision.profile;

import io.solomo.model.Channel;
import io.solomo.model.Language;
import io.solomo.model.LoyaltyTier;
import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** One person's marketing profile. */
@Entity
@Table(name = "customer")
public class Customer {

    @Id
    @Column(name = "customer_id")
    private String customerId;

    @Column(name = "display_name")
    private String displayName;

    @Enumerated(EnumType.STRING)
    @Column(name = "loyalty_tier", nullable = false)
    private LoyaltyTier loyaltyTier;

    @Column(name = "language", nullable = false)
    private String language;

    @Column(name = "time_zone", nullable = false)
    private String timeZone;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    @OneToMany(mappedBy = "customer", cascade = CascadeType.ALL, orphanRemoval = true)
    private List<CustomerIdentity> identities = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "channel_preference", joinColumns = @JoinColumn(name = "customer_id"))
    @OrderBy("rank")
    private List<ChannelPreference> channelPreferences = new ArrayList<>();

    @OneToMany(mappedBy = "customer", cascade = CascadeType.ALL)
    @OrderBy("recordedAt, id")
    private List<Consent> consents = new ArrayList<>();

    protected Customer() {
    }

    public Customer(String customerId, String displayName, LoyaltyTier loyaltyTier, Language language, ZoneId timeZone,
                    Instant createdAt) {
        this.customerId = customerId;
        this.displayName = displayName;
        this.loyaltyTier = loyaltyTier;
        this.language = language.code();
        this.timeZone = timeZone.getId();
        this.createdAt = createdAt;
    }

    public void addIdentity(IdentityType type, String value) {
        identities.add(new CustomerIdentity(this, type, value));
    }

    /** Replaces the preferred channels, most preferred first. */
    public void preferChannels(List<Channel> channels) {
        channelPreferences.clear();
        for (int rank = 0; rank < channels.size(); rank++) {
            channelPreferences.add(new ChannelPreference(channels.get(rank), rank + 1));
        }
    }

    /** Appends a consent change to the history; earlier entries are kept. */
    public void recordConsent(ConsentPurpose purpose, Channel channel, ConsentStatus status, String source,
                              Instant at) {
        consents.add(new Consent(this, purpose, channel, status, source, at));
    }

    /** Moves the customer to another loyalty tier. */
    public void changeTier(LoyaltyTier tier) {
        this.loyaltyTier = Objects.requireNonNull(tier, "tier");
    }

    /** Returns the channels whose latest marketing consent is granted. */
    public Set<Channel> channelsWithGrantedConsent() {
        Map<Channel, Consent> latest = new EnumMap<>(Channel.class);
        consents.stream()
                .filter(consent -> consent.purpose() == ConsentPurpose.MARKETING && consent.channel() != null)
                .sorted(Comparator.comparing(Consent::recordedAt))
                .forEach(consent -> latest.put(consent.channel(), consent));
        Set<Channel> granted = EnumSet.noneOf(Channel.class);
        latest.forEach((channel, consent) -> {
            if (consent.status() == ConsentStatus.GRANTED) {
                granted.add(channel);
            }
        });
        return granted;
    }

    public List<Channel> preferredChannels() {
        return channelPreferences.stream()
                .sorted(Comparator.comparingInt(ChannelPreference::rank))
                .map(ChannelPreference::channel)
                .toList();
    }

    public String customerId() {
        return customerId;
    }

    public String displayName() {
        return displayName;
    }

    public LoyaltyTier loyaltyTier() {
        return loyaltyTier;
    }

    public Language language() {
        return Language.fromCode(language);
    }

    public ZoneId timeZone() {
        return ZoneId.of(timeZone);
    }

    public List<CustomerIdentity> identities() {
        return List.copyOf(identities);
    }

    public List<Consent> consents() {
        return List.copyOf(consents);
    }

    /** A channel at a rank of preference, 1 being the most preferred. */
    @Embeddable
    public static class ChannelPreference {

        @Enumerated(EnumType.STRING)
        @Column(name = "channel", nullable = false)
        private Channel channel;

        @Column(name = "rank", nullable = false)
        private int rank;

        protected ChannelPreference() {
        }

        ChannelPreference(Channel channel, int rank) {
            this.channel = channel;
            this.rank = rank;
        }

        public Channel channel() {
            return channel;
        }

        public int rank() {
            return rank;
        }
    }
}
