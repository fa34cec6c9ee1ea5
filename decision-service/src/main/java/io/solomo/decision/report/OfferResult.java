package io.solomo.decision.report;

import io.solomo.decision.offer.OfferPropensities;

import java.util.Map;

/**
 * The results of one offer over a period. {@code propensity} is the offer's current one, whatever the period, and
 * null for an offer that the catalogue no longer has (or never had, such as the purchase follow-up email).
 */
record OfferResult(String offerId, long decisions, long contacts, Map<String, Long> contactsByChannel,
                   Deliveries deliveries, Outcomes outcomes, Coupons coupons,
                   OfferPropensities.Propensity propensity) {

    /**
     * Deliveries created in the period: {@code sent} were accepted by the provider (SENT, DELIVERED, OPENED or
     * CLICKED), {@code failed} failed for good (DEAD). The others wait for an attempt or were suppressed.
     */
    record Deliveries(long total, long sent, long failed, Map<String, Long> byStatus) {
    }

    record Outcomes(long accepted, long ignored, long redeemed) {
    }

    /** Coupons issued in the period, those of them redeemed by now, and their ratio (null when none was issued). */
    record Coupons(long issued, long redeemed, Double redemptionRate) {
    }
}
