/** Deliveries: what was sent to whom, on which channel, and with which status. */
package io.solomo.decision.delivery;
