package io.solomo.decision.delivery;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Collection;
import java.util.List;

/** Deliveries by delivery id and customer. */
interface DeliveryRepository extends JpaRepository<Delivery, String> {

    List<Delivery> findByCustomerIdOrderByCreatedAtDesc(String customerId);

    List<Delivery> findByCustomerIdAndChannelAndStatusInAndMessageNotOrderByCreatedAtDesc(
            String customerId, String channel, Collection<String> statuses, String message);
}
