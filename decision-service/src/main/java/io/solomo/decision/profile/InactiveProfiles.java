package io.solomo.decision.profile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Erases, through {@link DataSubjectRights#erase}, the profiles of people who have done nothing since a cutoff. A
 * profile is active when the person was created, interacted, bought, visited a store, moved loyalty points, recorded
 * a consent, got a decision, sent a location fix or redeemed a coupon at or after the cutoff. Imports and changes
 * made by the brand's staff are not the person's activity.
 */
@Service
public class InactiveProfiles {

    private static final Logger log = LoggerFactory.getLogger(InactiveProfiles.class);

    /**
     * The person's activity checks, with the customer row as {@code c} and the cutoff as every parameter. A consent
     * that a customer import recorded is the brand's change, not the person's.
     */
    private static final String INACTIVE = """
            c.erased_at is null and c.created_at < ?
            and (c.last_interaction_at is null or c.last_interaction_at < ?)
            and (c.last_purchase_at is null or c.last_purchase_at < ?)
            and (c.last_store_at is null or c.last_store_at < ?)
            and not exists (select 1 from consent k where k.customer_id = c.customer_id and k.recorded_at >= ?
                            and k.source <> '%s')
            and not exists (select 1 from loyalty_account a where a.customer_id = c.customer_id
                            and a.last_activity >= ?)
            and not exists (select 1 from decision_record d where d.customer_id = c.customer_id
                            and d.decided_at >= ?)
            and not exists (select 1 from location_event e where e.customer_id = c.customer_id
                            and e.received_at >= ?)
            and not exists (select 1 from coupon p where p.customer_id = c.customer_id and p.redeemed_at >= ?)
            """.formatted(CustomerImporter.CONSENT_SOURCE);
    private static final int CUTOFF_PARAMETERS = 9;

    private final DataSubjectRights rights;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    InactiveProfiles(DataSubjectRights rights, JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.rights = rights;
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /**
     * Erases every profile inactive since the cutoff, each in its own transaction, and returns how many were erased.
     * Candidates are read {@code batchSize} at a time in customer id order. Each is locked and checked again before
     * its erasure, so a person active meanwhile is kept and a profile that another node erased first is skipped.
     */
    public int eraseInactiveSince(Instant cutoff, int batchSize) {
        OffsetDateTime before = cutoff.atOffset(ZoneOffset.UTC);
        String after = "";
        int erased = 0;
        while (true) {
            Object[] parameters = parameters(before, after, batchSize);
            List<String> candidates = jdbc.queryForList("select c.customer_id from customer c where " + INACTIVE
                    + " and c.customer_id > ? order by c.customer_id fetch first ? rows only", String.class,
                    parameters);
            for (String customerId : candidates) {
                if (eraseIfInactive(customerId, before)) {
                    erased++;
                }
            }
            if (candidates.size() < batchSize) {
                return erased;
            }
            after = candidates.get(candidates.size() - 1);
        }
    }

    private boolean eraseIfInactive(String customerId, OffsetDateTime before) {
        try {
            return Boolean.TRUE.equals(transaction.execute(status -> {
                Object[] parameters = parameters(before, customerId, null);
                List<String> locked = jdbc.queryForList("select c.customer_id from customer c where " + INACTIVE
                        + " and c.customer_id = ? for update", String.class, parameters);
                if (locked.isEmpty()) {
                    return false;
                }
                rights.erase(customerId);
                return true;
            }));
        } catch (DataAccessException failed) {
            // The next run tries this profile again.
            log.warn("Erasure of inactive customer {} failed, the profile is kept until the next run", customerId,
                    failed);
            return false;
        }
    }

    /** Returns the cutoff for each activity check, then the customer id, then the row limit when there is one. */
    private static Object[] parameters(OffsetDateTime cutoff, String customerId, Integer limit) {
        Object[] parameters = new Object[CUTOFF_PARAMETERS + (limit == null ? 1 : 2)];
        for (int index = 0; index < CUTOFF_PARAMETERS; index++) {
            parameters[index] = cutoff;
        }
        parameters[CUTOFF_PARAMETERS] = customerId;
        if (limit != null) {
            parameters[CUTOFF_PARAMETERS + 1] = limit;
        }
        return parameters;
    }
}
