package io.solomo.decision.delivery;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

/** Deliveries by delivery id, customer and decision. */
interface DeliveryRepository extends JpaRepository<Delivery, String> {

    List<Delivery> findByCustomerIdOrderByCreatedAtDesc(String customerId);

    Optional<Delivery> findByDecisionIdAndOfferId(String decisionId, String offerId);
}
