package io.solomo.decision.location;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.List;

/** Accepted location events by event id. */
interface LocationEventRepository extends JpaRepository<LocationEvent, String> {

    List<LocationEvent> findByStatusOrderByReceivedAt(String status);

    /** Marks one event processed in a single statement; returns the number of rows changed, 0 or 1. */
    @Modifying
    @Query("update LocationEvent e set e.status = 'PROCESSED', e.storeId = :storeId, e.decisionId = :decisionId, "
            + "e.assessment = :assessment, e.failureReason = null where e.eventId = :eventId")
    int markProcessed(@Param("eventId") String eventId, @Param("storeId") String storeId,
                      @Param("decisionId") String decisionId, @Param("assessment") String assessment);
}
