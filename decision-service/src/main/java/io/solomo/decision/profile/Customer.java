package io.solomo.decision.profile;

import io.solomo.model.Channel;
import io.solomo.model.Language;
import io.solomo.model.LoyaltyTier;
import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
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
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One person's marketing profile: identities, channel preferences, consent history and the attributes derived
 * from interactions. An anonymous profile is one created for an identity seen for the first time.
 */
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

    @Column(name = "anonymous", nullable = false)
    private boolean anonymous;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Column(name = "erased_at")
    private Instant erasedAt;

    @Column(name = "quiet_hours_start")
    private LocalTime quietHoursStart;

    @Column(name = "quiet_hours_end")
    private LocalTime quietHoursEnd;

    @Embedded
    private ProfileAttributes attributes = ProfileAttributes.empty();

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
        this.updatedAt = createdAt;
    }

    /** Creates a profile for identities never seen before: French, entry tier, no preference or consent yet. */
    static Customer anonymous(String customerId, ZoneId timeZone, Instant createdAt) {
        Customer customer = new Customer(customerId, null, LoyaltyTier.BRONZE, Language.FR, timeZone, createdAt);
        customer.anonymous = true;
        return customer;
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

    /** Changes the language, the time zone and the quiet hours (both ends null for none). */
    void changeContactSettings(Language language, ZoneId timeZone, LocalTime quietHoursStart,
                               LocalTime quietHoursEnd) {
        this.language = language.code();
        this.timeZone = timeZone.getId();
        this.quietHoursStart = quietHoursStart;
        this.quietHoursEnd = quietHoursEnd;
    }

    /** Adds one interaction to the derived attributes and raises the loyalty tier when the spend earns it. */
    void apply(InteractionFacts interaction, Instant now, SpendTiers spendTiers) {
        attributes.apply(interaction);
        raiseTierTo(spendTiers.tierFor(attributes.monetaryTotal()));
        touch(now);
    }

    /** Starts the derived attributes again from nothing, before replaying every interaction after a merge. */
    void resetAttributes() {
        attributes = ProfileAttributes.empty();
    }

    void raiseTierTo(LoyaltyTier tier) {
        if (tier.compareTo(loyaltyTier) > 0) {
            loyaltyTier = tier;
        }
    }

    /**
     * Takes over what an absorbed profile records and this one does not: its name, language and time zone when this
     * profile is anonymous and the absorbed one is not, its quiet hours when this profile has none, and its
     * preferred channels after this profile's own.
     */
    void adoptSettingsOf(AbsorbedSettings absorbed) {
        if (anonymous && !absorbed.anonymous()) {
            displayName = absorbed.displayName();
            language = absorbed.language().code();
            timeZone = absorbed.timeZone().getId();
            anonymous = false;
        }
        if (displayName == null) {
            displayName = absorbed.displayName();
        }
        if (quietHoursStart == null && absorbed.quietHoursStart() != null) {
            quietHoursStart = absorbed.quietHoursStart();
            quietHoursEnd = absorbed.quietHoursEnd();
        }
        Set<Channel> channels = new LinkedHashSet<>(preferredChannels());
        channels.addAll(absorbed.preferredChannels());
        if (channels.size() > channelPreferences.size()) {
            preferChannels(List.copyOf(channels));
        }
        raiseTierTo(absorbed.loyaltyTier());
    }

    /** Returns the settings of a profile about to be absorbed, read before its rows move. */
    AbsorbedSettings settings() {
        return new AbsorbedSettings(customerId, version, anonymous, displayName, loyaltyTier, language(), timeZone(),
                quietHoursStart, quietHoursEnd, preferredChannels());
    }

    /** Sets the name shown to the brand's staff; a named profile is no longer anonymous. */
    void rename(String displayName) {
        this.displayName = displayName;
        anonymous = false;
    }

    /** Returns the status of the consent in force for a purpose and channel, or null when none was recorded. */
    ConsentStatus consentStatus(ConsentPurpose purpose, Channel channel) {
        return latestConsent(purpose, channel).map(Consent::status).orElse(null);
    }

    /** Returns the consent decision in force for the purpose and channel, the latest recorded. */
    Optional<Consent> latestConsent(ConsentPurpose purpose, Channel channel) {
        return consents.stream()
                .filter(consent -> consent.purpose() == purpose && Objects.equals(consent.channel(), channel))
                .reduce((kept, next) -> next.recordedAt().isBefore(kept.recordedAt()) ? kept : next);
    }

    /** Marks a profile as known once an event gives it a name or a contact identity. */
    void markKnown() {
        anonymous = false;
    }

    /**
     * Removes the personal data held in this row and its preferences: name, preferred channels and quiet hours.
     * Identities and consents are deleted by {@link DataSubjectRights}; the derived attributes stay, as anonymous
     * aggregates.
     */
    void erasePersonalData(Instant now) {
        displayName = null;
        channelPreferences.clear();
        quietHoursStart = null;
        quietHoursEnd = null;
        anonymous = true;
        erasedAt = now;
        touch(now);
    }

    void touch(Instant now) {
        updatedAt = now;
    }

    /** Returns true when the latest consent for a purpose not tied to a channel, such as the precise location, is granted. */
    public boolean hasGranted(ConsentPurpose purpose) {
        return consents.stream()
                .filter(consent -> consent.purpose() == purpose && consent.channel() == null)
                .max(Comparator.comparing(Consent::recordedAt))
                .map(consent -> consent.status() == ConsentStatus.GRANTED)
                .orElse(false);
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

    public boolean isAnonymous() {
        return anonymous;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** When the personal data was erased, or null. */
    public Instant erasedAt() {
        return erasedAt;
    }

    /** Start of the quiet hours in the customer's time zone, or null when there are none. */
    public LocalTime quietHoursStart() {
        return quietHoursStart;
    }

    /** End of the quiet hours in the customer's time zone; before the start when they span midnight. */
    public LocalTime quietHoursEnd() {
        return quietHoursEnd;
    }

    /** Returns whether {@code instant} falls within the customer's quiet hours, read in the customer's time zone. */
    public boolean isQuietAt(Instant instant) {
        if (quietHoursStart == null || quietHoursEnd == null) {
            return false;
        }
        LocalTime local = instant.atZone(timeZone()).toLocalTime();
        if (quietHoursStart.isBefore(quietHoursEnd)) {
            return !local.isBefore(quietHoursStart) && local.isBefore(quietHoursEnd);
        }
        return !local.isBefore(quietHoursStart) || local.isBefore(quietHoursEnd);
    }

    public ProfileAttributes attributes() {
        return attributes;
    }

    long version() {
        return version;
    }

    /** Returns whether this profile is older than the other, the one that survives when both merge. */
    boolean isOlderThan(Customer other) {
        int byAge = createdAt.compareTo(other.createdAt);
        return byAge != 0 ? byAge < 0 : customerId.compareTo(other.customerId) < 0;
    }

    /** Settings of an absorbed profile that the survivor may take over. */
    record AbsorbedSettings(String customerId, long version, boolean anonymous, String displayName,
                            LoyaltyTier loyaltyTier, Language language, ZoneId timeZone, LocalTime quietHoursStart,
                            LocalTime quietHoursEnd, List<Channel> preferredChannels) {

        AbsorbedSettings {
            Objects.requireNonNull(customerId, "customerId");
            preferredChannels = List.copyOf(preferredChannels);
        }
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
