package io.solomo.decision.profile;

import io.solomo.model.LoyaltyTier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

/**
 * Moves the rows that other features keep by customer id from an absorbed profile to its survivor, inside the
 * merge's transaction. After a merge no row carries the absorbed id, except a doubled share claim (see
 * {@link #moveShareClaims}), so readers look rows up by the current id alone. A reader that receives an id from
 * outside, such as an old link, resolves it first with {@link CustomerDirectory}.
 *
 * <p>Every table with a customer column must be listed here or in {@link #PROFILE_TABLES}; a test compares this
 * list with the schema. Tables with a unique key that includes the customer are moved row by row where a plain
 * update would break the key.
 */
@Component
class MergedProfileRows {

    /** Tables whose rows move to the survivor with one update, by the column that contains the customer id. */
    static final Map<String, String> MOVED_TABLES = Map.ofEntries(
            Map.entry("coupon", "customer_id"),
            Map.entry("decision_record", "customer_id"),
            Map.entry("delivery", "customer_id"),
            Map.entry("contact", "customer_id"),
            Map.entry("location_event", "customer_id"),
            Map.entry("geofence_transition", "customer_id"),
            Map.entry("device_presence", "customer_id"),
            Map.entry("device_token", "customer_id"),
            Map.entry("review", "customer_id"),
            Map.entry("store_regular", "customer_id"),
            Map.entry("purchase", "customer_id"),
            Map.entry("purchase_follow_up", "customer_id"),
            Map.entry("customer_import_row", "customer_id"),
            Map.entry("share_link", "sharer_id"));

    /**
     * Tables with their own merge rule below: an account per customer, a ledger, claims unique per customer and
     * store visits unique per customer, store and day.
     */
    static final List<String> MERGED_TABLES = List.of("loyalty_account", "loyalty_entry", "share_claim",
            "store_visit");

    /** Tables of the profile itself, which {@link ProfileMerger} moves or deletes. */
    static final List<String> PROFILE_TABLES = List.of("customer", "customer_identity", "consent", "interaction",
            "channel_preference");

    private static final Logger log = LoggerFactory.getLogger(MergedProfileRows.class);

    private final JdbcTemplate jdbc;

    MergedProfileRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Moves every row of other features from the absorbed profile to the survivor; returns how many moved. */
    // NOTE: a row that another feature commits for the absorbed id just after the merge keeps that id, because
    // nothing moves rows once the merge has committed.
    int moveAll(String absorbedId, String survivorId) {
        int moved = 0;
        for (Map.Entry<String, String> table : MOVED_TABLES.entrySet()) {
            moved += jdbc.update("update " + table.getKey() + " set " + table.getValue() + " = ? where "
                    + table.getValue() + " = ?", survivorId, absorbedId);
        }
        moved += mergeLoyaltyAccounts(absorbedId, survivorId);
        moved += moveLedger(absorbedId, survivorId);
        moved += moveShareClaims(absorbedId, survivorId);
        moved += moveStoreVisits(absorbedId, survivorId);
        log.debug("{} rows of other features moved from customer {} to {}", moved, absorbedId, survivorId);
        return moved;
    }

    /**
     * Adds the absorbed loyalty account to the survivor's: balances and lifetime points add up, the higher tier and
     * the later activity are kept. The versions change, so a concurrent change of either account fails and retries.
     */
    private int mergeLoyaltyAccounts(String absorbedId, String survivorId) {
        List<Map<String, Object>> absorbed = jdbc.queryForList("select balance, lifetime_points, tier, last_activity "
                + "from loyalty_account where customer_id = ? for update", absorbedId);
        if (absorbed.isEmpty()) {
            return 0;
        }
        List<Map<String, Object>> survivor = jdbc.queryForList("select tier, last_activity from loyalty_account "
                + "where customer_id = ? for update", survivorId);
        if (survivor.isEmpty()) {
            return jdbc.update("update loyalty_account set customer_id = ?, version = version + 1 "
                    + "where customer_id = ?", survivorId, absorbedId);
        }

        Map<String, Object> from = absorbed.get(0);
        Map<String, Object> into = survivor.get(0);
        LoyaltyTier tier = higher(LoyaltyTier.valueOf((String) from.get("tier")),
                LoyaltyTier.valueOf((String) into.get("tier")));
        Timestamp lastActivity = later(timestamp(from.get("last_activity")), timestamp(into.get("last_activity")));
        jdbc.update("update loyalty_account set balance = balance + ?, lifetime_points = lifetime_points + ?, "
                        + "tier = ?, last_activity = ?, version = version + 1 where customer_id = ?",
                ((Number) from.get("balance")).longValue(), ((Number) from.get("lifetime_points")).longValue(),
                tier.name(), lastActivity, survivorId);
        return jdbc.update("delete from loyalty_account where customer_id = ?", absorbedId);
    }

    /**
     * Moves the points ledger. A line whose action and reference the survivor already has (both profiles earned
     * for the same reference) keeps its points and gets the absorbed id appended to its reference, so that the
     * ledger still adds up to the merged balance.
     */
    private int moveLedger(String absorbedId, String survivorId) {
        int moved = jdbc.update("update loyalty_entry set customer_id = ? where customer_id = ? and not exists ("
                + "select 1 from loyalty_entry other where other.customer_id = ? and other.kind = loyalty_entry.kind "
                + "and other.action = loyalty_entry.action and other.reference = loyalty_entry.reference)",
                survivorId, absorbedId, survivorId);
        List<Map<String, Object>> clashing = jdbc.queryForList("select id, reference from loyalty_entry "
                + "where customer_id = ?", absorbedId);
        for (Map<String, Object> line : clashing) {
            String reference = (String) line.get("reference");
            String renamed = reference.substring(0, Math.min(reference.length(), 80)) + " (merged from " + absorbedId
                    + ")";
            moved += jdbc.update("update loyalty_entry set customer_id = ?, reference = ? where id = ?", survivorId,
                    renamed, ((Number) line.get("id")).longValue());
        }
        return moved;
    }

    /**
     * Moves the share claims. A friend may claim a share once, so a claim of the absorbed profile on a share the
     * survivor also claimed stays under the absorbed id.
     */
    private int moveShareClaims(String absorbedId, String survivorId) {
        // NOTE: such a doubled claim is found only through the merge record, as the data subject export does.
        return jdbc.update("update share_claim set friend_id = ? where friend_id = ? and not exists ("
                        + "select 1 from share_claim other where other.friend_id = ? "
                        + "and other.share_code = share_claim.share_code)",
                survivorId, absorbedId, survivorId);
    }

    /**
     * Moves the store visits. A store counts one visit per customer and day, so an absorbed visit to a store on a
     * day when the survivor also visited it is deleted: the merged person visited that store once that day.
     */
    private int moveStoreVisits(String absorbedId, String survivorId) {
        int moved = jdbc.update("update store_visit set customer_id = ? where customer_id = ? and not exists ("
                        + "select 1 from store_visit other where other.customer_id = ? "
                        + "and other.store_id = store_visit.store_id and other.visit_day = store_visit.visit_day)",
                survivorId, absorbedId, survivorId);
        int sameDay = jdbc.update("delete from store_visit where customer_id = ?", absorbedId);
        if (sameDay > 0) {
            log.debug("{} store visits of customer {} fell on days already counted for customer {} and were deleted",
                    sameDay, absorbedId, survivorId);
        }
        return moved;
    }

    private static LoyaltyTier higher(LoyaltyTier left, LoyaltyTier right) {
        return left.compareTo(right) >= 0 ? left : right;
    }

    private static Timestamp later(Timestamp left, Timestamp right) {
        return left.after(right) ? left : right;
    }

    private static Timestamp timestamp(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp;
        }
        if (value instanceof java.time.OffsetDateTime offsetDateTime) {
            return Timestamp.from(offsetDateTime.toInstant());
        }
        throw new IllegalStateException("unexpected last_activity value " + value);
    }
}
