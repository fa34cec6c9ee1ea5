/**
 * Rule sets that analysts upload, validate, test and activate at run time, with their versions, files and audit.
 */
package io.solomo.decision.ruleset;
