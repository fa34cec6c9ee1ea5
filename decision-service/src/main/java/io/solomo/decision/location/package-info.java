/** Location events from phones: intake, the journal of what became of each, and the Camel routes' wiring. */
package io.solomo.decision.location;
