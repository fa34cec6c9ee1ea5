package io.solomo.model;

/** Loyalty tiers, from the entry tier up. */
public enum LoyaltyTier {
    BRONZE, SILVER, GOLD, PLATINUM
}
