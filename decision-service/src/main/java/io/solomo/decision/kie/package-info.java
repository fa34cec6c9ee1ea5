/**
 * The rules part of the KIE Server 7 REST API (JSON only): server info, KIE containers built from kjars, and batch
 * command execution, so that existing KIE Server clients can call this server unchanged.
 */
package io.solomo.decision.kie;
