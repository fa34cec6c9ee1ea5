package io.solomo.decision.location;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

/** Accepted location events by event id. */
interface LocationEventRepository extends JpaRepository<LocationEvent, String> {

    List<LocationEvent> findByStatusOrderByReceivedAt(String status);
}
