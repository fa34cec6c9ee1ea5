package io.solomo.decision.profile;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The owners of the identities a chunk of events carries, read with one query at the start of the chunk's
 * transaction and kept current as the chunk adds identities and merges profiles. Looking owners up here rather than
 * one query per identity spares a flush of the persistence context before each query, whose cost grows with every
 * profile the chunk has touched.
 */
final class IdentityOwners {

    private final Map<IdentityKey, String> owners = new HashMap<>();

    private IdentityOwners() {
    }

    static IdentityOwners load(CustomerIdentityRepository identities, Collection<IdentityKey> keys) {
        return load(keys, identities::findOwners);
    }

    /** Loads the owners with plain JDBC, which spares Hibernate a query plan for each number of values. */
    static IdentityOwners load(ProfileRows rows, Collection<IdentityKey> keys) {
        return load(keys, rows::identityOwners);
    }

    private static IdentityOwners load(Collection<IdentityKey> keys,
                                       Function<Collection<String>, List<Object[]>> findOwners) {
        IdentityOwners loaded = new IdentityOwners();
        if (keys.isEmpty()) {
            return loaded;
        }
        List<String> values = keys.stream().map(IdentityKey::value).distinct().toList();
        for (Object[] row : findOwners.apply(values)) {
            IdentityKey key = new IdentityKey((IdentityType) row[0], (String) row[1]);
            if (keys.contains(key)) {
                loaded.owners.put(key, (String) row[2]);
            }
        }
        return loaded;
    }

    /** Returns the ids of every profile that owns one of the identities. */
    Set<String> customerIds() {
        return new HashSet<>(owners.values());
    }

    Optional<String> ownerOf(IdentityKey key) {
        return Optional.ofNullable(owners.get(key));
    }

    void assign(IdentityKey key, String customerId) {
        owners.put(key, customerId);
    }

    /** Moves every identity of an absorbed profile to its survivor. */
    void moveAll(String absorbedId, String survivorId) {
        owners.replaceAll((key, owner) -> owner.equals(absorbedId) ? survivorId : owner);
    }
}
