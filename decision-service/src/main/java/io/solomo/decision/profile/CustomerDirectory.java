package io.solomo.decision.profile;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;

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
     * Returns true when the customer, or the survivor that absorbed them, has granted the purpose; false for an
     * unknown customer.
     */
    @Transactional(readOnly = true)
    public boolean hasGranted(String customerId, ConsentPurpose purpose) {
        return find(customerId).map(customer -> customer.hasGranted(purpose)).orElse(false);
    }

    /** Returns the id that a request for {@code customerId} is answered with: its own or its survivor's. */
    public String currentId(String customerId) {
        return merges.findByAbsorbedId(customerId).map(CustomerMerge::survivorId).orElse(customerId);
    }
}
