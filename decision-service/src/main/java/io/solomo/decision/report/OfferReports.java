package io.solomo.decision.report;

import io.solomo.decision.offer.OfferPropensities;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Builds the per-offer report of a period with one grouped query per source table: contacts, deliveries, outcomes
 * and coupons. Each table is filtered on its own time: when the contact was made, the delivery created, the outcome
 * recorded and the coupon issued. Redemptions count the coupons issued in the period that were redeemed by now, so
 * that the redemption rate divides two counts of the same coupons.
 */
@Component
class OfferReports {

    /** Delivery statuses that mean the provider accepted the message. */
    private static final Set<String> SENT = Set.of("SENT", "DELIVERED", "OPENED", "CLICKED");

    private final JdbcTemplate jdbc;
    private final OfferPropensities propensities;

    OfferReports(JdbcTemplate jdbc, OfferPropensities propensities) {
        this.jdbc = jdbc;
        this.propensities = propensities;
    }

    List<OfferResult> report(ReportPeriod period) {
        Map<String, Builder> offers = new TreeMap<>();
        Function<String, Builder> offer = offerId -> offers.computeIfAbsent(offerId, Builder::new);
        OffsetDateTime from = period.from().atOffset(ZoneOffset.UTC);
        OffsetDateTime to = period.to().atOffset(ZoneOffset.UTC);

        // A decision has one channel, so the distinct decisions of each channel add up to the offer's decisions.
        query("""
                select offer_id, channel, count(*), count(distinct decision_id) from contact
                where contacted_at >= ? and contacted_at < ? group by offer_id, channel""", from, to, row -> {
            Builder builder = offer.apply(row.getString(1));
            builder.contactsByChannel.put(row.getString(2), row.getLong(3));
            builder.decisions += row.getLong(4);
        });
        query("""
                select offer_id, status, count(*) from delivery
                where created_at >= ? and created_at < ? group by offer_id, status""", from, to, row -> {
            offer.apply(row.getString(1)).deliveriesByStatus.put(row.getString(2), row.getLong(3));
        });
        query("""
                select offer_id, outcome, count(*) from decision_outcome
                where recorded_at >= ? and recorded_at < ? group by offer_id, outcome""", from, to, row -> {
            offer.apply(row.getString(1)).outcomes.put(row.getString(2), row.getLong(3));
        });
        query("""
                select offer_id, count(*), count(redeemed_at) from coupon
                where issued_at >= ? and issued_at < ? group by offer_id""", from, to, row -> {
            Builder builder = offer.apply(row.getString(1));
            builder.couponsIssued = row.getLong(2);
            builder.couponsRedeemed = row.getLong(3);
        });

        List<OfferResult> results = new ArrayList<>();
        for (Builder builder : offers.values()) {
            results.add(builder.build(propensities.of(builder.offerId).orElse(null)));
        }
        return results;
    }

    private void query(String sql, OffsetDateTime from, OffsetDateTime to, RowReader reader) {
        jdbc.query(sql, row -> {
            reader.read(row);
        }, from, to);
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private static final class Builder {

        private final String offerId;
        private long decisions;
        private final Map<String, Long> contactsByChannel = new TreeMap<>();
        private final Map<String, Long> deliveriesByStatus = new TreeMap<>();
        private final Map<String, Long> outcomes = new TreeMap<>();
        private long couponsIssued;
        private long couponsRedeemed;

        private Builder(String offerId) {
            this.offerId = offerId;
        }

        private OfferResult build(OfferPropensities.Propensity propensity) {
            long contacts = contactsByChannel.values().stream().mapToLong(Long::longValue).sum();
            long sent = count(deliveriesByStatus, SENT);
            long failed = deliveriesByStatus.getOrDefault("DEAD", 0L);
            long deliveries = deliveriesByStatus.values().stream().mapToLong(Long::longValue).sum();
            Double redemptionRate = couponsIssued == 0 ? null : (double) couponsRedeemed / couponsIssued;
            return new OfferResult(offerId, decisions, contacts, contactsByChannel,
                    new OfferResult.Deliveries(deliveries, sent, failed, deliveriesByStatus),
                    new OfferResult.Outcomes(outcomes.getOrDefault("ACCEPTED", 0L),
                            outcomes.getOrDefault("IGNORED", 0L), outcomes.getOrDefault("REDEEMED", 0L)),
                    new OfferResult.Coupons(couponsIssued, couponsRedeemed, redemptionRate), propensity);
        }

        private static long count(Map<String, Long> byStatus, Set<String> statuses) {
            return byStatus.entrySet().stream()
                    .filter(entry -> statuses.contains(entry.getKey()))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
        }
    }
}
