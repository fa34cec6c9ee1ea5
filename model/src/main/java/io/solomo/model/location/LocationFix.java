package io.solomo.model.location;

import java.time.Instant;

/**
 * One position reported by a phone.
 *
 * @param eventId        unique per fix; a replayed id is not processed twice
 * @param latitude       WGS 84 degrees, -90 to 90
 * @param longitude      WGS 84 degrees, -180 to 180
 * @param accuracyMeters radius of the 68 % confidence circle in metres, as phones report it; null when unknown
 * @param recordedAt     when the phone took the fix, UTC
 */
public record LocationFix(String eventId, String customerId, String deviceId, double latitude, double longitude,
                          Double accuracyMeters, Instant recordedAt) {
}
