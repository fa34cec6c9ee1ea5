package io.solomo.decision.profile;

import io.solomo.model.Channel;
import io.solomo.model.Language;
import io.solomo.model.LoyaltyTier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Imports a chunk of CSV rows that only create profiles with plain JDBC batches: one query for the owners of the
 * chunk's identities, then one batch each for profiles, identities, preferred channels and consents. Rows are
 * applied as {@link CustomerImporter} applies them to an entity, so a later row with an identity of an earlier row
 * updates the profile that row created.
 *
 * <p>A chunk with an identity that a profile already had before the chunk, or a row linking two of the chunk's
 * new profiles, is left to the entity path, which updates and merges existing profiles. Must run inside a
 * transaction; a concurrent insert of one of the chunk's identities makes the chunk fail on the unique key.
 */
@Component
class ImportChunkWriter {

    /** Identities that name a registered person; a profile holding one is no longer anonymous. */
    private static final Set<IdentityType> PERSONAL = EnumSet.of(IdentityType.EMAIL, IdentityType.CRM_ID,
            IdentityType.LOYALTY_CARD);

    private final ProfileRows profileRows;
    private final ZoneId defaultTimeZone;
    private final Clock clock;

    ImportChunkWriter(ProfileRows profileRows, @Value("${solomo.default-time-zone:Europe/Paris}") ZoneId defaultTimeZone,
                      Clock clock) {
        this.profileRows = profileRows;
        this.defaultTimeZone = defaultTimeZone;
        this.clock = clock;
    }

    /**
     * Creates the profiles of the rows and returns each row's outcome, or returns empty, having written nothing,
     * when a row needs an existing profile or a merge.
     */
    Optional<List<CustomerImportJobs.ImportedRow>> write(List<ImportRow> rows) {
        IdentityOwners owners = IdentityOwners.load(profileRows,
                rows.stream().flatMap(row -> row.identities().stream()).collect(Collectors.toSet()));
        if (!owners.customerIds().isEmpty()) {
            return Optional.empty();
        }

        Instant now = clock.instant();
        Map<String, ImportedProfile> created = new LinkedHashMap<>();
        List<CustomerImportJobs.ImportedRow> outcomes = new ArrayList<>(rows.size());
        for (ImportRow row : rows) {
            Set<String> linked = new LinkedHashSet<>();
            List<IdentityKey> matched = new ArrayList<>();
            List<IdentityKey> unknown = new ArrayList<>();
            for (IdentityKey key : row.identities()) {
                owners.ownerOf(key).ifPresentOrElse(owner -> {
                    linked.add(owner);
                    matched.add(key);
                }, () -> unknown.add(key));
            }
            if (linked.size() > 1) {
                return Optional.empty();
            }
            ImportedProfile profile = linked.isEmpty()
                    ? new ImportedProfile(UUID.randomUUID().toString(), defaultTimeZone)
                    : created.get(linked.iterator().next());
            created.putIfAbsent(profile.customerId, profile);
            for (IdentityKey key : unknown) {
                profile.identities.add(key);
                owners.assign(key, profile.customerId);
            }
            profile.apply(row, now);
            outcomes.add(row.outcome(matched, profile.customerId));
        }

        profileRows.insertImported(List.copyOf(created.values()), now);
        return Optional.of(outcomes);
    }

    /**
     * A profile that an import chunk creates, with the state {@link Customer#anonymous} starts from and the changes
     * of every row that resolved to it.
     */
    static final class ImportedProfile {

        final String customerId;
        final List<IdentityKey> identities = new ArrayList<>();
        final List<ConsentEntry> consents = new ArrayList<>();
        private final Map<Channel, ConsentStatus> consentInForce = new EnumMap<>(Channel.class);
        String displayName;
        Language language = Language.FR;
        ZoneId timeZone;
        LoyaltyTier loyaltyTier = LoyaltyTier.BRONZE;
        boolean anonymous = true;
        List<Channel> channels = List.of();

        ImportedProfile(String customerId, ZoneId timeZone) {
            this.customerId = customerId;
            this.timeZone = timeZone;
        }

        /** Applies one row as CustomerImporter does to an entity, after identity resolution. */
        void apply(ImportRow row, Instant now) {
            if (row.identities().stream().anyMatch(key -> PERSONAL.contains(key.type()))) {
                anonymous = false;
            }
            if (row.displayName() != null) {
                displayName = row.displayName();
                anonymous = false;
            }
            if (row.language() != null) {
                language = row.language();
            }
            if (row.timeZone() != null) {
                timeZone = row.timeZone();
            }
            if (row.loyaltyTier() != null && row.loyaltyTier().compareTo(loyaltyTier) > 0) {
                loyaltyTier = row.loyaltyTier();
            }
            if (row.channels() != null) {
                channels = List.copyOf(row.channels());
            }
            for (Map.Entry<Channel, ConsentStatus> consent : row.consents().entrySet()) {
                if (consentInForce.get(consent.getKey()) != consent.getValue()) {
                    consents.add(new ConsentEntry(consent.getKey(), consent.getValue(), now));
                    consentInForce.put(consent.getKey(), consent.getValue());
                }
            }
        }
    }

    /** A marketing consent on one channel, recorded with the import as its source. */
    record ConsentEntry(Channel channel, ConsentStatus status, Instant recordedAt) {
    }
}
