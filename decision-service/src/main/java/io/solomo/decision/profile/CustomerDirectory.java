package io.solomo.decision.profile;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds a profile by id, following merges: the id of an absorbed profile leads to the profile that absorbed it.
 * Other features should look customers up here rather than in {@link CustomerRepository}, which knows only the
 * ids of profiles that still exist.
 */
@Component
public class CustomerDirectory {

    /**
     * Each profile's general consents for one purpose, oldest first. Among consents recorded at the same instant the
     * first stored comes last, so it wins. A profile without such consents gives one row with a null status.
     */
    private static final String LATEST_GENERAL_CONSENTS = "select c.customer_id, k.status from customer c "
            + "left join consent k on k.customer_id = c.customer_id and k.purpose = ? and k.channel is null "
            + "where c.customer_id = any(?) order by c.customer_id, k.recorded_at, k.id desc";

    private final CustomerRepository customers;
    private final CustomerMergeRepository merges;
    private final JdbcTemplate jdbc;

    CustomerDirectory(CustomerRepository customers, CustomerMergeRepository merges, JdbcTemplate jdbc) {
        this.customers = customers;
        this.merges = merges;
        this.jdbc = jdbc;
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

    /**
     * Finds many profiles at once, following merges as {@link #find} does, with one query for the requested ids and
     * two more when some of them were absorbed by merges. Returns, for each requested id that leads to a profile,
     * that profile's id and whether its latest general consent for {@code purpose} is granted. Ids that lead to no
     * profile are left out.
     */
    @Transactional(readOnly = true)
    public Map<String, ConsentedProfile> findConsenting(Collection<String> customerIds, ConsentPurpose purpose) {
        Set<String> requested = new HashSet<>(customerIds);
        Map<String, Boolean> granted = latestGeneralConsents(requested, purpose);
        Map<String, ConsentedProfile> profiles = new HashMap<>();
        granted.forEach((customerId, isGranted) ->
                profiles.put(customerId, new ConsentedProfile(customerId, isGranted)));

        Set<String> absorbed = new HashSet<>(requested);
        absorbed.removeAll(granted.keySet());
        if (!absorbed.isEmpty()) {
            List<CustomerMerge> found = merges.findByAbsorbedIdIn(absorbed);
            Map<String, Boolean> survivors = latestGeneralConsents(
                    found.stream().map(CustomerMerge::survivorId).collect(Collectors.toSet()), purpose);
            for (CustomerMerge merge : found) {
                Boolean survivorGranted = survivors.get(merge.survivorId());
                if (survivorGranted != null) {
                    profiles.put(merge.absorbedId(), new ConsentedProfile(merge.survivorId(), survivorGranted));
                }
            }
        }
        return profiles;
    }

    /**
     * Returns, for each of these ids that has a profile, whether its latest general consent for the purpose is
     * granted. One query with an array parameter, which keeps the same statement whatever the number of ids.
     * NOTE: it reads through JDBC, so consents saved through JPA in the caller's transaction and not yet flushed
     * are not seen. Its one caller, the location intake, runs outside any transaction.
     */
    private Map<String, Boolean> latestGeneralConsents(Set<String> customerIds, ConsentPurpose purpose) {
        Map<String, Boolean> granted = new HashMap<>();
        if (customerIds.isEmpty()) {
            return granted;
        }
        jdbc.query(LATEST_GENERAL_CONSENTS, statement -> {
            statement.setString(1, purpose.name());
            statement.setArray(2, statement.getConnection().createArrayOf("VARCHAR", customerIds.toArray()));
        }, (RowCallbackHandler) row -> {
            // Rows come oldest first, so the latest consent is put last.
            String status = row.getString(2);
            granted.put(row.getString(1), ConsentStatus.GRANTED.name().equals(status));
        });
        return granted;
    }

    /** A profile found by {@link #findConsenting}: its current id and whether it granted the purpose asked about. */
    public record ConsentedProfile(String customerId, boolean granted) {
    }

    /** Returns the id that a request for {@code customerId} is answered with: its own or its survivor's. */
    public String currentId(String customerId) {
        return merges.findByAbsorbedId(customerId).map(CustomerMerge::survivorId).orElse(customerId);
    }
}
