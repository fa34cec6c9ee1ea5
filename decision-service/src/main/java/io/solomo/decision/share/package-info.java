/**
 * Social sharing: share links per offer and sharer with click attribution, coupons claimed by friends through a
 * share, and referral points for the sharer when a friend redeems one.
 */
package io.solomo.decision.share;
