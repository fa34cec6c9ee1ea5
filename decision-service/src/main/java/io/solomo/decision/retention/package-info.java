/**
 * Data retention: the nightly and on-demand run that deletes or empties personal data older than the
 * {@code solomo.retention.*} periods.
 */
package io.solomo.decision.retention;
