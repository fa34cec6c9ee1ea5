package io.solomo.decision.segment;

import java.time.Instant;
import java.util.List;

/**
 * A named segment: the customers whose profile meets every condition. {@code version} counts the edits and is the
 * segment's ETag.
 *
 * @param description free text for marketers, or null
 */
public record Segment(String segmentId, String nameFr, String nameEn, String description,
                      List<SegmentCondition> conditions, long version, Instant createdAt, Instant updatedAt) {

    public Segment {
        conditions = List.copyOf(conditions);
    }

    /** Returns true when the profile is not erased and meets every condition at {@code now}. */
    public boolean contains(SegmentProfile profile, Instant now) {
        if (profile.erased()) {
            return false;
        }
        for (SegmentCondition condition : conditions) {
            if (!condition.matches(profile, now)) {
                return false;
            }
        }
        return true;
    }
}
