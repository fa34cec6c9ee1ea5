package io.solomo.model.location;

import java.util.List;

/** Records what became of an accepted location event, so that none is left half-processed unnoticed. */
public interface LocationEventJournal {

    /**
     * Marks the event processed.
     *
     * @param storeId    the store whose geofence contained the fix, or null when none did
     * @param decisionId the decision taken for it, or null when none was asked for
     */
    void markProcessed(String eventId, String storeId, String decisionId);

    /**
     * Marks the event processed with the presence tracker's assessment of the fix. Journals that keep no assessment
     * record it as {@link #markProcessed(String, String, String)} does.
     */
    default void markProcessed(String eventId, String storeId, String decisionId, FixAssessment assessment) {
        markProcessed(eventId, storeId, decisionId);
    }

    /**
     * Marks several events processed, in one transaction where the journal has them. Journals without batches mark
     * each as {@link #markProcessed(String, String, String, FixAssessment)} does.
     */
    default void markAllProcessed(List<ProcessedFix> fixes) {
        for (ProcessedFix fix : fixes) {
            markProcessed(fix.eventId(), fix.storeId(), fix.decisionId(), fix.assessment());
        }
    }

    /** Marks the event failed with a reason, for an operator to look at. */
    void markFailed(String eventId, String reason);
}
