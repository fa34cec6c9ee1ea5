/**
 * Purchases posted by points of sale, in one call: the coupon redemption, the PURCHASE interaction, the loyalty
 * points and the follow-up email that recommends accessories and invites a review.
 */
package io.solomo.decision.purchase;
