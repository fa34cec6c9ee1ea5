package io.solomo.decision.report;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * The lift measurement of a period. Its customers are those with at least one decision whose contact time falls in
 * the period. Each is in the holdout group or the treated group by the {@code holdout} flag stored with their
 * decisions. A customer converts with any purchase that occurred from their first decision of the period included
 * to the end of the window after it excluded, with or without a coupon.
 */
@Component
class LiftReports {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    LiftReports(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    LiftResult report(ReportPeriod period, Duration window) {
        OffsetDateTime from = period.from().atOffset(ZoneOffset.UTC);
        OffsetDateTime to = period.to().atOffset(ZoneOffset.UTC);

        Map<String, Customer> customers = new HashMap<>();
        jdbc.query("""
                select customer_id, min(contact_at),
                    min(case when holdout then 1 else 0 end), max(case when holdout then 1 else 0 end)
                from decision_record where contact_at >= ? and contact_at < ? group by customer_id""", row -> {
            Instant first = row.getObject(2, OffsetDateTime.class).toInstant();
            boolean mixed = row.getInt(3) != row.getInt(4);
            customers.put(row.getString(1), new Customer(first, row.getInt(3) == 1, mixed));
        }, from, to);

        // NOTE: the purchases are read row by row and matched to each customer's window here, because adding a
        // duration to a timestamp is written differently on H2 and PostgreSQL. The 366-day limit of a period
        // bounds how many rows that is.
        jdbc.query("""
                select customer_id, occurred_at, amount from purchase
                where occurred_at >= ? and occurred_at < ? and customer_id in (
                    select customer_id from decision_record where contact_at >= ? and contact_at < ?)""", row -> {
            Customer customer = customers.get(row.getString(1));
            Instant occurredAt = row.getObject(2, OffsetDateTime.class).toInstant();
            if (customer != null && !occurredAt.isBefore(customer.firstDecision)
                    && occurredAt.isBefore(customer.firstDecision.plus(window))) {
                customer.purchases++;
                customer.revenue = customer.revenue.add(row.getBigDecimal(3));
            }
        }, from, to.plus(window), from, to);

        LiftStatistics.Group holdout = new LiftStatistics.Group();
        LiftStatistics.Group treated = new LiftStatistics.Group();
        long excluded = 0;
        for (Customer customer : customers.values()) {
            if (customer.mixed) {
                excluded++;
            } else {
                (customer.holdout ? holdout : treated).add(customer.purchases > 0, customer.revenue);
            }
        }
        // Each customer's window ends at most one window after the period's end, so until then purchases may still
        // come.
        boolean windowsStillOpen = period.to().plus(window).isAfter(clock.instant());
        return LiftStatistics.compare(period, window, holdout, treated, excluded, windowsStillOpen);
    }

    private static final class Customer {

        private final Instant firstDecision;
        private final boolean holdout;
        /** True when some decisions of the period held the customer out and others did not. */
        private final boolean mixed;
        private int purchases;
        private BigDecimal revenue = BigDecimal.ZERO;

        private Customer(Instant firstDecision, boolean holdout, boolean mixed) {
            this.firstDecision = firstDecision;
            this.holdout = holdout;
            this.mixed = mixed;
        }
    }
}
