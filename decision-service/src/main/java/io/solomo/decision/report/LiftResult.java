package io.solomo.decision.report;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The lift of a period. The comparison fields ({@code absoluteLift} to {@code confidenceInterval}) are null when
 * a group is empty, and {@code relativeLift} and {@code conversionRatio} also when no holdout customer bought.
 *
 * @param excludedCustomers customers held out in some decisions of the period and not in others, which happens
 *                          when the holdout percentage changed, and who are in neither group
 * @param absoluteLift      the treated conversion rate minus the holdout one
 * @param relativeLift      the absolute lift divided by the holdout conversion rate
 * @param conversionRatio   the treated conversion rate divided by the holdout one
 * @param significant       true when there is enough data and the confidence interval excludes zero
 * @param notEnoughData     true when either group is below {@code minimumPerGroup}
 * @param windowsStillOpen  true when the purchase window of some customers has not ended yet, so that buyers still
 *                          to come count as non-buyers for now
 */
record LiftResult(Instant from, Instant to, String window, GroupResult holdout, GroupResult treated,
                  long excludedCustomers, Double absoluteLift, Double relativeLift, Double conversionRatio,
                  Interval confidenceInterval, boolean significant, boolean notEnoughData,
                  boolean windowsStillOpen, LiftStatistics.Minimum minimumPerGroup) {

    /**
     * One group's customers, those who bought within the window, their ratio (null for an empty group), the
     * revenue of their purchases within the window and that revenue per customer.
     */
    record GroupResult(long customers, long buyers, Double conversionRate, BigDecimal revenue,
                       BigDecimal revenuePerCustomer) {
    }

    /** A confidence interval of the absolute lift, at {@code level}. */
    record Interval(double level, double lower, double upper) {
    }
}
