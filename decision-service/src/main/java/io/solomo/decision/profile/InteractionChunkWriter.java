package io.solomo.decision.profile;

import io.solomo.decision.web.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Writes a chunk of interactions with plain JDBC: one query each for replayed event ids, identity owners, merge
 * redirects and profile rows, then one batch each for new profiles, new identities, interactions and profile
 * updates. It resolves identities as {@link ProfileResolution} does, except that it never merges: a chunk in which
 * a row links two profiles is left to the entity path, because a merge moves the rows of many tables.
 *
 * <p>Must run inside a transaction that loaded no {@link Customer} entity, since it changes profile rows behind the
 * persistence context. It locks the rows of the chunk's known profiles, so concurrent chunks for one person wait
 * for each other. The entity path checks versions without locking, so it may still change one of them first. That
 * makes the chunk fail, as does a concurrent insert of one of the chunk's new identities or event ids, and the
 * caller then rolls back and retries.
 */
@Component
class InteractionChunkWriter {

    private static final Logger log = LoggerFactory.getLogger(InteractionChunkWriter.class);

    /** Identities that name a registered person; a profile holding one is no longer anonymous. */
    private static final Set<IdentityType> PERSONAL = EnumSet.of(IdentityType.EMAIL, IdentityType.CRM_ID,
            IdentityType.LOYALTY_CARD);

    private final ProfileRows profileRows;
    private final ZoneId defaultTimeZone;
    private final SpendTiers spendTiers;
    private final Clock clock;

    InteractionChunkWriter(ProfileRows profileRows,
                           @Value("${solomo.default-time-zone:Europe/Paris}") ZoneId defaultTimeZone,
                           SpendTiers spendTiers, Clock clock) {
        this.profileRows = profileRows;
        this.spendTiers = spendTiers;
        this.defaultTimeZone = defaultTimeZone;
        this.clock = clock;
    }

    /**
     * Stores the chunk's interactions and returns one result per row, in order, or empty, having written nothing,
     * when a row links two or more profiles.
     *
     * @throws NotFoundException when a row names a customer id that no profile has or had
     */
    Optional<List<InteractionResult>> write(List<InteractionCommand> rows) {
        Map<String, String> stored = profileRows.storedEvents(rows.stream().map(InteractionCommand::eventId).toList());
        IdentityOwners owners = IdentityOwners.load(profileRows,
                rows.stream().flatMap(row -> row.identities().stream()).collect(Collectors.toSet()));
        Set<String> named = rows.stream().map(InteractionCommand::customerId).filter(id -> id != null)
                .collect(Collectors.toSet());
        named.addAll(stored.values());
        Map<String, String> survivors = profileRows.survivorsOf(named);
        Set<String> known = new HashSet<>(owners.customerIds());
        named.forEach(id -> known.add(survivors.getOrDefault(id, id)));
        Map<String, ProfileRows.ProfileRow> profiles = profileRows.lock(known);

        Chunk chunk = new Chunk();
        List<InteractionResult> results = new ArrayList<>(rows.size());
        for (InteractionCommand row : rows) {
            String storedFor = stored.get(row.eventId());
            if (storedFor != null) {
                results.add(InteractionResult.duplicate(row.eventId(), survivors.getOrDefault(storedFor, storedFor)));
                continue;
            }
            Optional<ProfileRows.ProfileRow> profile = resolve(row, owners, survivors, profiles, chunk);
            if (profile.isEmpty()) {
                return Optional.empty();
            }
            profile.get().apply(row.facts(), spendTiers);
            chunk.touched.add(profile.get());
            chunk.interactions.add(new ProfileRows.NewInteraction(row, profile.get().customerId()));
            results.add(InteractionResult.stored(row.eventId(), profile.get().customerId()));
        }

        Instant now = clock.instant();
        List<ProfileRows.ProfileRow> created = chunk.touched.stream().filter(ProfileRows.ProfileRow::created).toList();
        profileRows.insertCreated(created, defaultTimeZone, now);
        profileRows.insertIdentities(chunk.identities);
        profileRows.insertInteractions(chunk.interactions, now);
        profileRows.updateChanged(chunk.touched.stream().filter(profile -> !profile.created()).toList(), now);
        for (ProfileRows.ProfileRow profile : created) {
            log.info("Anonymous customer {} created on event {}", profile.customerId(), chunk.creatingEvent
                    .get(profile.customerId()));
        }
        return Optional.of(results);
    }

    /**
     * Finds the one profile a row resolves to, creating an anonymous one when none does, and gives it the row's
     * unknown identities. Returns empty when the row links two or more profiles.
     */
    private Optional<ProfileRows.ProfileRow> resolve(InteractionCommand row, IdentityOwners owners,
                                                     Map<String, String> survivors,
                                                     Map<String, ProfileRows.ProfileRow> profiles, Chunk chunk) {
        Set<String> linked = new LinkedHashSet<>();
        if (row.customerId() != null) {
            String current = survivors.getOrDefault(row.customerId(), row.customerId());
            if (!profiles.containsKey(current)) {
                throw new NotFoundException("customer", "customerId", row.customerId());
            }
            linked.add(current);
        }
        List<IdentityKey> unknown = new ArrayList<>();
        for (IdentityKey key : row.identities()) {
            owners.ownerOf(key).ifPresentOrElse(linked::add, () -> unknown.add(key));
        }
        if (linked.size() > 1) {
            return Optional.empty();
        }

        ProfileRows.ProfileRow profile;
        if (linked.isEmpty()) {
            profile = ProfileRows.ProfileRow.anonymous(UUID.randomUUID().toString());
            profiles.put(profile.customerId(), profile);
            chunk.creatingEvent.put(profile.customerId(), row.eventId());
        } else {
            String customerId = linked.iterator().next();
            profile = profiles.get(customerId);
            if (profile == null) {
                // The identity's owner was merged or erased between the two queries.
                throw new ObjectOptimisticLockingFailureException(Customer.class, customerId);
            }
        }
        for (IdentityKey key : unknown) {
            chunk.identities.add(new ProfileRows.NewIdentity(profile.customerId(), key));
            owners.assign(key, profile.customerId());
        }
        if (profile.anonymous() && row.identities().stream().anyMatch(key -> PERSONAL.contains(key.type()))) {
            profile.markKnown();
        }
        return Optional.of(profile);
    }

    /** The rows a chunk writes, gathered while its interactions are resolved. */
    private static final class Chunk {
        final Set<ProfileRows.ProfileRow> touched = new LinkedHashSet<>();
        final List<ProfileRows.NewIdentity> identities = new ArrayList<>();
        final List<ProfileRows.NewInteraction> interactions = new ArrayList<>();
        final Map<String, String> creatingEvent = new LinkedHashMap<>();
    }
}
