package io.solomo.decision.profile;

import jakarta.persistence.EntityManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Merges profiles that an event showed to be one person. The oldest survives; the identities, consents and
 * interactions of the others move to it, as do the rows other features keep by customer id
 * ({@link MergedProfileRows}). Their preferred channels are appended to its own, their rows are deleted and each
 * merge is recorded. The survivor's derived attributes are then rebuilt from all its interactions.
 *
 * <p>Must run inside a transaction. It flushes and clears the persistence context: entities loaded before the
 * call are detached afterwards, so callers continue with the returned survivor.
 */
@Component
class ProfileMerger {

    private static final Logger log = LoggerFactory.getLogger(ProfileMerger.class);

    private final EntityManager entityManager;
    private final CustomerMergeRepository merges;
    private final InteractionRepository interactions;
    private final MergedProfileRows otherRows;
    private final SpendTiers spendTiers;
    private final Clock clock;

    ProfileMerger(EntityManager entityManager, CustomerMergeRepository merges, InteractionRepository interactions,
                  MergedProfileRows otherRows, SpendTiers spendTiers, Clock clock) {
        this.entityManager = entityManager;
        this.spendTiers = spendTiers;
        this.merges = merges;
        this.interactions = interactions;
        this.otherRows = otherRows;
        this.clock = clock;
    }

    /**
     * Merges two or more profiles into the oldest and returns it, managed.
     *
     * @param mergedBy the API user or job whose event linked the profiles
     * @param eventId  the event that linked them, or null
     * @throws ObjectOptimisticLockingFailureException when another transaction changed or removed one of them
     */
    Customer merge(List<Customer> profiles, String mergedBy, String eventId) {
        Customer survivor = profiles.stream()
                .min((left, right) -> left.isOlderThan(right) ? -1 : right.isOlderThan(left) ? 1 : 0)
                .orElseThrow();
        String survivorId = survivor.customerId();
        entityManager.flush();
        List<Customer.AbsorbedSettings> absorbed = profiles.stream()
                .filter(profile -> !profile.customerId().equals(survivorId))
                .map(Customer::settings)
                .sorted(Comparator.comparing(Customer.AbsorbedSettings::customerId))
                .toList();
        entityManager.clear();

        Instant now = clock.instant();
        for (Customer.AbsorbedSettings profile : absorbed) {
            moveRows(profile, survivorId);
            merges.redirect(profile.customerId(), survivorId);
            entityManager.persist(new CustomerMerge(profile.customerId(), survivorId, now, mergedBy, eventId));
        }

        Customer merged = entityManager.find(Customer.class, survivorId);
        if (merged == null) {
            throw new ObjectOptimisticLockingFailureException(Customer.class, survivorId);
        }
        absorbed.forEach(merged::adoptSettingsOf);
        rebuildAttributes(merged, now);
        for (Customer.AbsorbedSettings profile : absorbed) {
            log.info("Customer {} merged into {} by {} on event {}", profile.customerId(), survivorId, mergedBy,
                    eventId);
        }
        return merged;
    }

    /** Replays every interaction of the customer into fresh derived attributes. */
    void rebuildAttributes(Customer customer, Instant now) {
        customer.resetAttributes();
        for (Interaction interaction : interactions.findByCustomerIdOrderByOccurredAtAscEventIdAsc(
                customer.customerId())) {
            customer.apply(interaction.facts(), now, spendTiers);
        }
        customer.touch(now);
    }

    private void moveRows(Customer.AbsorbedSettings absorbed, String survivorId) {
        String absorbedId = absorbed.customerId();
        otherRows.moveAll(absorbedId, survivorId);
        for (String table : List.of("customer_identity", "consent", "interaction")) {
            entityManager.createNativeQuery("update " + table + " set customer_id = ?1 where customer_id = ?2")
                    .setParameter(1, survivorId)
                    .setParameter(2, absorbedId)
                    .executeUpdate();
        }
        entityManager.createNativeQuery("delete from channel_preference where customer_id = ?1")
                .setParameter(1, absorbedId)
                .executeUpdate();
        int deleted = entityManager.createNativeQuery("delete from customer where customer_id = ?1 and version = ?2")
                .setParameter(1, absorbedId)
                .setParameter(2, absorbed.version())
                .executeUpdate();
        if (deleted != 1) {
            throw new ObjectOptimisticLockingFailureException(Customer.class, absorbedId);
        }
    }
}
