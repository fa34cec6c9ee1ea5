package io.solomo.model.location;

/**
 * The outcome of one handled location fix, as the {@link LocationEventJournal} records it.
 *
 * @param storeId    the store whose geofence contained the fix, or null when none did
 * @param decisionId the decision taken for it, or null when none was asked for
 * @param assessment how the presence tracker treated the fix
 */
public record ProcessedFix(String eventId, String storeId, String decisionId, FixAssessment assessment) {
}
