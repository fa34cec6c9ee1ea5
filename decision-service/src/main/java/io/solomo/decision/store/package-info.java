/** Stores and their geofences: GeoJSON import, storage and the in-memory spatial index used on every location fix. */
package io.solomo.decision.store;
