package io.solomo.decision.profile;

import io.solomo.decision.web.NotFoundException;
import jakarta.persistence.EntityManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Identity resolution: finds the one profile that an event's customer id and identities point to. An event with
 * only unknown identities creates an anonymous profile; an event whose identities belong to several profiles
 * merges them. Identities the profile did not have yet are added to it.
 *
 * <p>Must run inside a transaction. Two transactions that create or extend profiles with the same identity at
 * once conflict on the unique identity constraint; the loser rolls back and is retried by its caller.
 */
@Component
class ProfileResolution {

    private static final Logger log = LoggerFactory.getLogger(ProfileResolution.class);

    /** Identities that name a registered person; a profile holding one is no longer anonymous. */
    private static final Set<IdentityType> PERSONAL = EnumSet.of(IdentityType.EMAIL, IdentityType.CRM_ID,
            IdentityType.LOYALTY_CARD);

    private final EntityManager entityManager;
    private final CustomerDirectory directory;
    private final ProfileMerger merger;
    private final ZoneId defaultTimeZone;
    private final Clock clock;

    ProfileResolution(EntityManager entityManager, CustomerDirectory directory, ProfileMerger merger, @Value("${solomo.default-time-zone:Europe/Paris}") ZoneId defaultTimeZone,
                      Clock clock) {
        this.entityManager = entityManager;
        this.directory = directory;
        this.merger = merger;
        this.defaultTimeZone = defaultTimeZone;
        this.clock = clock;
    }

    /**
     * Returns the managed profile of the event, created or merged as needed.
     *
     * @param customerId optional id the event names; an absorbed id leads to its survivor
     * @param keys       normalised identities carried by the event
     * @param actor      the API user or job that sent the event, recorded with any merge
     * @param eventId    the event, recorded with any merge
     * @param owners     the owners of the identities, loaded for the transaction and updated here
     * @throws NotFoundException when {@code customerId} names no profile
     */
    Customer resolve(String customerId, List<IdentityKey> keys, String actor, String eventId,
                     IdentityOwners owners) {
        Map<String, Customer> profiles = new LinkedHashMap<>();
        if (customerId != null) {
            Customer named = directory.find(customerId)
                    .orElseThrow(() -> new NotFoundException("customer", "customerId", customerId));
            profiles.put(named.customerId(), named);
        }
        List<IdentityKey> unknown = new ArrayList<>();
        for (IdentityKey key : keys) {
            owners.ownerOf(key).ifPresentOrElse(
                    owner -> profiles.computeIfAbsent(owner, id -> entityManager.find(Customer.class, id)),
                    () -> unknown.add(key));
        }

        Customer customer;
        if (profiles.isEmpty()) {
            customer = Customer.anonymous(UUID.randomUUID().toString(), defaultTimeZone, clock.instant());
            entityManager.persist(customer);
            log.info("Anonymous customer {} created on event {}", customer.customerId(), eventId);
        } else if (profiles.size() == 1) {
            customer = profiles.values().iterator().next();
        } else {
            customer = merger.merge(List.copyOf(profiles.values()), actor, eventId);
            for (String absorbedId : profiles.keySet()) {
                owners.moveAll(absorbedId, customer.customerId());
            }
        }

        for (IdentityKey key : unknown) {
            customer.addIdentity(key.type(), key.value());
            owners.assign(key, customer.customerId());
        }
        if (customer.isAnonymous() && keys.stream().anyMatch(key -> PERSONAL.contains(key.type()))) {
            customer.markKnown();
        }
        return customer;
    }
}
