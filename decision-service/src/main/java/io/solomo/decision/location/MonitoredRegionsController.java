package io.solomo.decision.location;

import io.solomo.decision.store.GeofenceIndex;
import io.solomo.decision.store.NearbyGeofence;
import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.RequestFields;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;

/**
 * The store circles a phone should register for geofencing on the device (iOS monitors at most 20 regions, Android
 * 100): the nearest {@code count} geofences to its position, each as a circle. A polygon becomes the circle around
 * its reference point that holds it. The phone asks again once it has moved {@code refreshAfterMeters}.
 */
@RestController
class MonitoredRegionsController {

    /** How far around the device regions are looked for, in metres. */
    private static final double SEARCH_METERS = 200_000;

    private final GeofenceIndex index;
    private final LocationProperties limits;

    MonitoredRegionsController(GeofenceIndex index, LocationProperties limits) {
        this.index = index;
        this.limits = limits;
    }

    @GetMapping("/api/v1/devices/{deviceId}/monitored-regions")
    MonitoredRegions regions(@PathVariable String deviceId,
                             @RequestParam(required = false) Double latitude,
                             @RequestParam(required = false) Double longitude,
                             @RequestParam(required = false) Integer count) {
        double checkedLatitude = RequestFields.requireLatitude("latitude", latitude);
        double checkedLongitude = RequestFields.requireLongitude("longitude", longitude);
        int maxCount = limits.monitoredRegions().maxCount();
        int wanted = count == null ? limits.monitoredRegions().defaultCount() : count;
        if (wanted < 1 || wanted > maxCount) {
            throw new InvalidFieldException("count", count, "count must be within 1.." + maxCount);
        }

        List<NearbyGeofence> nearest = index.nearest(checkedLatitude, checkedLongitude, SEARCH_METERS, wanted);
        List<Region> regions = new ArrayList<>(nearest.size());
        for (NearbyGeofence geofence : nearest) {
            regions.add(new Region(geofence.storeId(), geofence.latitude(), geofence.longitude(),
                    Math.ceil(geofence.radiusMeters()), Math.round(geofence.distanceMeters() * 10) / 10.0));
        }
        double farthest = nearest.isEmpty() ? SEARCH_METERS : nearest.get(nearest.size() - 1).distanceMeters();
        return new MonitoredRegions(deviceId, regions, Math.max(100, Math.round(farthest / 2)));
    }

    /**
     * The regions to register, nearest first.
     *
     * @param refreshAfterMeters distance the device may move before it should ask again: half the distance to the
     *                           farthest region returned, so that no unregistered store can be nearer than a
     *                           registered one by then
     */
    record MonitoredRegions(String deviceId, List<Region> regions, double refreshAfterMeters) {
    }

    /** A circular region: the store id as identifier, centre, radius and distance from the device in metres. */
    record Region(String identifier, double latitude, double longitude, double radiusMeters, double distanceMeters) {
    }
}
