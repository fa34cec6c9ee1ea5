package io.solomo.model.location;

/**
 * One handled location fix with its outcome, as the {@link LocationEventJournal} records it.
 *
 * @param storeId    the store whose geofence contained the fix, or null when none did
 * @param decisionId the decision taken for it, or null when none was asked for
 * @param assessment how the presence tracker treated the fix
 */
public record ProcessedFix(LocationFix fix, String storeId, String decisionId, FixAssessment assessment) {

    public String eventId() {
        return fix.eventId();
    }
}
