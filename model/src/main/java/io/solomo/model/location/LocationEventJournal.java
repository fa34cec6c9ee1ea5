package io.solomo.model.location;

import java.util.List;
import java.util.Set;

/**
 * Stores each accepted location fix once, with what became of it, before the sender gets its acknowledgement. So
 * an acknowledged fix is never lost, and the sender sends again a fix lost in a crash, which it never saw
 * acknowledged.
 */
public interface LocationEventJournal {

    /**
     * Stores handled fixes with their outcomes, in one transaction where the journal has them, and returns the event
     * ids among them that were already stored as handled: replays that reached the route before the first copy was
     * stored. Those keep their first outcome.
     */
    Set<String> recordProcessed(List<ProcessedFix> fixes);

    /** Stores a fix that could not be handled, with the reason, for an operator to look at. */
    void recordFailed(LocationFix fix, String reason);
}
