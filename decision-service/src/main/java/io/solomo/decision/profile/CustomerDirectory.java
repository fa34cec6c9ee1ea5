package io.solomo.decision.profile;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds a profile by id, following merges: the id of an absorbed profile leads to the profile that absorbed it.
 * Other features should look customers up here rather than in {@link CustomerRepository}, which knows only the
 * ids of profiles that still exist.
 */
@Component
public class CustomerDirectory {

    private final CustomerRepository customers;
    private final CustomerMergeRepository merges;

    CustomerDirectory(CustomerRepository customers, CustomerMergeRepository merges) {
        this.customers = customers;
        this.merges = merges;
    }

    /** Returns the profile with this id, or the survivor of the merge that absorbed it, or empty. */
    public Optional<Customer> find(String customerId) {
        Optional<Customer> customer = customers.findById(customerId);
        if (customer.isPresent()) {
            return customer;
        }
        return merges.findByAbsorbedId(customerId).flatMap(merge -> customers.findById(merge.survivorId()));
    }

    /**
     * Finds a profile as {@link #find} does, reading its consent history in the same query, for a caller that reads
     * the consents at once, such as an offer decision.
     */
    public Optional<Customer> findWithConsents(String customerId) {
        Optional<Customer> customer = customers.findWithConsents(customerId);
        if (customer.isPresent()) {
            return customer;
        }
        return merges.findByAbsorbedId(customerId).flatMap(merge -> customers.findWithConsents(merge.survivorId()));
    }

    /**
     * Returns true when the customer, or the survivor that absorbed them, has granted the purpose; false for an
     * unknown customer.
     */
    @Transactional(readOnly = true)
    public boolean hasGranted(String customerId, ConsentPurpose purpose) {
        return find(customerId).map(customer -> customer.hasGranted(purpose)).orElse(false);
    }

    /**
     * Finds many profiles at once, following merges as {@link #find} does, with a few queries whatever the number
     * of ids: returns, for each requested id that leads to a profile, that profile's id and whether its latest
     * general consent for {@code purpose} is granted. Ids that lead to no profile are left out.
     */
    @Transactional(readOnly = true)
    public Map<String, ConsentedProfile> findConsenting(Collection<String> customerIds, ConsentPurpose purpose) {
        Set<String> requested = new HashSet<>(customerIds);
        Map<String, String> currentIds = new HashMap<>();
        for (String id : customers.findExistingIds(requested)) {
            currentIds.put(id, id);
        }
        Set<String> absorbed = new HashSet<>(requested);
        absorbed.removeAll(currentIds.keySet());
        if (!absorbed.isEmpty()) {
            List<CustomerMerge> found = merges.findByAbsorbedIdIn(absorbed);
            Set<String> survivors = new HashSet<>(customers.findExistingIds(
                    found.stream().map(CustomerMerge::survivorId).toList()));
            for (CustomerMerge merge : found) {
                if (survivors.contains(merge.survivorId())) {
                    currentIds.put(merge.absorbedId(), merge.survivorId());
                }
            }
        }

        Map<String, Boolean> granted = new HashMap<>();
        for (Object[] consent : customers.findGeneralConsents(new HashSet<>(currentIds.values()), purpose)) {
            granted.put((String) consent[0], consent[1] == ConsentStatus.GRANTED);
        }
        Map<String, ConsentedProfile> profiles = new HashMap<>();
        currentIds.forEach((requestedId, currentId) -> profiles.put(requestedId,
                new ConsentedProfile(currentId, granted.getOrDefault(currentId, false))));
        return profiles;
    }

    /** A profile found by {@link #findConsenting}: its current id and whether it granted the purpose asked about. */
    public record ConsentedProfile(String customerId, boolean granted) {
    }

    /** Returns the id that a request for {@code customerId} is answered with: its own or its survivor's. */
    public String currentId(String customerId) {
        return merges.findByAbsorbedId(customerId).map(CustomerMerge::survivorId).orElse(customerId);
    }
}
