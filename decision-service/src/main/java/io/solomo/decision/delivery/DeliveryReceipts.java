package io.solomo.decision.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Moves sent deliveries forward from provider receipts and tracking links: {@code SENT} to {@code DELIVERED},
 * {@code OPENED} and {@code CLICKED}. A receipt that would move a delivery backwards is ignored, since receipts
 * arrive out of order.
 */
@Component
class DeliveryReceipts {

    private static final Logger log = LoggerFactory.getLogger(DeliveryReceipts.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;

    DeliveryReceipts(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Returns the delivery's status after the receipt, or empty when no delivery has this id. */
    @Transactional
    Optional<DeliveryStatus> record(String deliveryId, DeliveryStatus receipt) {
        List<String> current = jdbc.queryForList("select status from delivery where delivery_id = ? for update",
                String.class, deliveryId);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        DeliveryStatus status = DeliveryStatus.valueOf(current.get(0));
        if (!receipt.advances(status)) {
            return Optional.of(status);
        }
        jdbc.update("update delivery set status = ?, updated_at = ? where delivery_id = ?", receipt.name(),
                SqlTime.of(clock.instant()), deliveryId);
        log.info("Delivery {} is {}", deliveryId, receipt);
        return Optional.of(receipt);
    }
}
