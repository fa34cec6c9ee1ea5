/**
 * Loyalty: one account per customer with an auditable points ledger, tiers by lifetime points, points for actions
 * decided by the loyalty rules, and reviews that earn points once approved.
 */
package io.solomo.decision.loyalty;
