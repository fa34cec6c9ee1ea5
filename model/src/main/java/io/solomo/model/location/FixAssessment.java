package io.solomo.model.location;

/** How the presence tracker treated one location fix. */
public enum FixAssessment {
    /** The fix was applied to the device's state. */
    APPLIED,
    /** Same device, time and position as a fix already applied: dropped. */
    DUPLICATE,
    /** Older than the device's latest applied fix: recorded, but it changes no state. */
    LATE,
    /** Reached from the previous fix only at an impossible speed: recorded, changes no geofence state. */
    SUSPECT
}
