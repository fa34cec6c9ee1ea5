package io.solomo.decision.offer;

import org.springframework.data.jpa.repository.JpaRepository;

/** The decision log by decision id. */
interface DecisionRecordRepository extends JpaRepository<DecisionRecord, String> {
}
