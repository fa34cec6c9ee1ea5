package io.solomo.decision.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * Compares the conversion of the treated group with the holdout group. The 95 % confidence interval of the
 * difference of the two rates uses the normal approximation with unpooled variances (Wald interval):
 * {@code d ± 1.96 × sqrt(pT(1 − pT)/nT + pH(1 − pH)/nH)}. The difference is significant when the interval
 * excludes zero.
 */
final class LiftStatistics {

    /**
     * Below these counts in either group, the normal approximation is too rough, so the result sets
     * {@code notEnoughData} and is never significant. The usual rule of thumb requires at least 5 buyers and 5
     * non-buyers per group. With 30 customers, a single buyer moves a rate by about 3 points.
     */
    static final Minimum MINIMUM = new Minimum(30, 5, 5);

    /** The 0.975 quantile of the standard normal distribution, for a two-sided 95 % interval. */
    private static final double Z_95 = 1.959963984540054;

    private LiftStatistics() {
    }

    static LiftResult compare(ReportPeriod period, Duration window, Group holdout, Group treated, long excluded,
                              boolean windowsStillOpen) {
        LiftResult.GroupResult holdoutResult = holdout.result();
        LiftResult.GroupResult treatedResult = treated.result();
        boolean enoughData = MINIMUM.metBy(holdout) && MINIMUM.metBy(treated);
        if (holdout.customers == 0 || treated.customers == 0) {
            return new LiftResult(period.from(), period.to(), windowText(window), holdoutResult, treatedResult,
                    excluded, null, null, null, null, false, true, windowsStillOpen, MINIMUM);
        }

        double holdoutRate = holdoutResult.conversionRate();
        double treatedRate = treatedResult.conversionRate();
        double difference = treatedRate - holdoutRate;
        double standardError = Math.sqrt(treatedRate * (1 - treatedRate) / treated.customers
                + holdoutRate * (1 - holdoutRate) / holdout.customers);
        LiftResult.Interval interval = new LiftResult.Interval(0.95, difference - Z_95 * standardError,
                difference + Z_95 * standardError);
        boolean excludesZero = interval.lower() > 0 || interval.upper() < 0;
        Double ratio = holdoutRate == 0 ? null : treatedRate / holdoutRate;
        Double relativeLift = ratio == null ? null : ratio - 1;
        return new LiftResult(period.from(), period.to(), windowText(window), holdoutResult, treatedResult, excluded,
                difference, relativeLift, ratio, interval, enoughData && excludesZero, !enoughData, windowsStillOpen,
                MINIMUM);
    }

    /** Writes a window of whole days as days, such as P14D, where {@link Duration#toString} writes PT336H. */
    private static String windowText(Duration window) {
        boolean wholeDays = window.toSeconds() % Duration.ofDays(1).toSeconds() == 0;
        return wholeDays ? "P" + window.toDays() + "D" : window.toString();
    }

    /** The customers of one group, counted as they are added. */
    static final class Group {

        private long customers;
        private long buyers;
        private BigDecimal revenue = BigDecimal.ZERO;

        void add(boolean bought, BigDecimal spent) {
            customers++;
            if (bought) {
                buyers++;
            }
            revenue = revenue.add(spent);
        }

        private LiftResult.GroupResult result() {
            Double rate = customers == 0 ? null : (double) buyers / customers;
            BigDecimal perCustomer = customers == 0 ? null
                    : revenue.divide(BigDecimal.valueOf(customers), 2, RoundingMode.HALF_EVEN);
            return new LiftResult.GroupResult(customers, buyers, rate, revenue.setScale(2, RoundingMode.HALF_EVEN),
                    perCustomer);
        }
    }

    /** The smallest group for which the result is not {@code notEnoughData}. */
    record Minimum(long customers, long buyers, long nonBuyers) {

        private boolean metBy(Group group) {
            return group.customers >= customers && group.buyers >= buyers
                    && group.customers - group.buyers >= nonBuyers;
        }
    }
}
