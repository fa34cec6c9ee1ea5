/**
 * Results for head office: how each offer performs over a period, and the lift in conversion of the customers who
 * could receive offers over the holdout group that received none.
 */
package io.solomo.decision.report;
