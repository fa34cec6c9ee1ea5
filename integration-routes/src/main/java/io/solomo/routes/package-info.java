/**
 * Camel routes of the server: inbound events and outbound delivery. They reach the offer engine, the geofences and
 * the delivery log only through the ports of {@code io.solomo.model}, so they can run against any implementation.
 */
package io.solomo.routes;
