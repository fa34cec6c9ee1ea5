/**
 * Named segments of customers: conditions over profile attributes that head-office marketers define, count and list
 * with SQL, and that decisions evaluate in memory so that offer rules can target a segment by its id.
 */
package io.solomo.decision.segment;
