package io.solomo.decision.local;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Counts the contacts, deliveries and redemptions of local campaigns' offers. */
@Component
class LocalCampaignResults {

    private final JdbcTemplate jdbc;

    LocalCampaignResults(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts with three grouped queries for all the offers given, whatever their number of stores. */
    Counts countsOf(Collection<String> offerIds) {
        if (offerIds.isEmpty()) {
            return new Counts(Map.of(), Map.of(), Map.of());
        }
        List<String> ids = List.copyOf(offerIds);
        String placeholders = String.join(", ", ids.stream().map(id -> "?").toList());
        return new Counts(
                count("select offer_id, count(*) from contact where offer_id in (" + placeholders
                        + ") group by offer_id", ids),
                count("select offer_id, count(*) from delivery where offer_id in (" + placeholders
                        + ") group by offer_id", ids),
                count("select offer_id, count(*) from coupon where redeemed_at is not null and offer_id in ("
                        + placeholders + ") group by offer_id", ids));
    }

    private Map<String, Long> count(String sql, List<String> ids) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query(sql, row -> {
            counts.put(row.getString(1), row.getLong(2));
        }, ids.toArray());
        return counts;
    }

    /** Counts by offer id; an offer without any row counts zero. */
    record Counts(Map<String, Long> contacts, Map<String, Long> deliveries, Map<String, Long> redemptions) {

        long contacts(String offerId) {
            return contacts.getOrDefault(offerId, 0L);
        }

        long deliveries(String offerId) {
            return deliveries.getOrDefault(offerId, 0L);
        }

        long redemptions(String offerId) {
            return redemptions.getOrDefault(offerId, 0L);
        }
    }
}
