package io.solomo.decision.delivery;

import io.solomo.decision.profile.CustomerRepository;
import io.solomo.decision.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** A customer's deliveries, newest first. */
@RestController
class DeliveryController {

    private final DeliveryRepository deliveries;
    private final CustomerRepository customers;

    DeliveryController(DeliveryRepository deliveries, CustomerRepository customers) {
        this.deliveries = deliveries;
        this.customers = customers;
    }

    @GetMapping("/api/v1/customers/{customerId}/deliveries")
    List<DeliveryView> deliveries(@PathVariable String customerId) {
        if (!customers.existsById(customerId)) {
            throw new NotFoundException("customer", "customerId", customerId);
        }
        return deliveries.findByCustomerIdOrderByCreatedAtDesc(customerId).stream().map(DeliveryView::of).toList();
    }

    record DeliveryView(String deliveryId, String offerId, String storeId, String channel, String status,
                        String message, String couponCode, String routeUrl, Instant createdAt) {

        static DeliveryView of(Delivery delivery) {
            return new DeliveryView(delivery.deliveryId(), delivery.offerId(), delivery.storeId(), delivery.channel(),
                    delivery.status(), delivery.message(), delivery.couponCode(), delivery.routeUrl(),
                    delivery.createdAt());
        }
    }
}
