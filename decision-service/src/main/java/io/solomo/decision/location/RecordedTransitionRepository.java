package io.solomo.decision.location;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

/** Recorded geofence transitions by transition id. */
interface RecordedTransitionRepository extends JpaRepository<RecordedTransition, String> {

    List<RecordedTransition> findByDeviceIdOrderByOccurredAt(String deviceId);
}
