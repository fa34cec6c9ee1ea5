package io.solomo.decision.delivery;

import io.solomo.decision.profile.Customer;
import io.solomo.decision.profile.CustomerDirectory;
import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.NotFoundException;
import io.solomo.model.Channel;
import io.solomo.model.Language;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A customer's deliveries and in-app inbox, and provider receipts. {@link TrackedLinkController} serves clicks. */
@RestController
class DeliveryController {

    private static final Set<DeliveryStatus> RECEIPTS = EnumSet.of(DeliveryStatus.DELIVERED, DeliveryStatus.OPENED,
            DeliveryStatus.CLICKED);
    private static final List<String> IN_INBOX = List.of(DeliveryStatus.SENT.name(), DeliveryStatus.DELIVERED.name(),
            DeliveryStatus.OPENED.name(), DeliveryStatus.CLICKED.name());

    private final DeliveryRepository deliveries;
    private final CustomerDirectory customers;
    private final DeliveryReceipts receipts;
    private final CouponValidity couponValidity;

    DeliveryController(DeliveryRepository deliveries, CustomerDirectory customers, DeliveryReceipts receipts,
                       CouponValidity couponValidity) {
        this.deliveries = deliveries;
        this.customers = customers;
        this.receipts = receipts;
        this.couponValidity = couponValidity;
    }

    /** Lists every delivery of the customer on every channel, newest first. */
    @GetMapping("/api/v1/customers/{customerId}/deliveries")
    List<DeliveryView> deliveries(@PathVariable String customerId) {
        return views(deliveries.findByCustomerIdOrderByCreatedAtDesc(currentId(customerId)));
    }

    /**
     * Lists the offers the app shows in its inbox: in-app deliveries made available, newest first. A delivery whose
     * message the retention run emptied has nothing left to show, so it is left out.
     */
    @GetMapping("/api/v1/customers/{customerId}/inbox")
    List<DeliveryView> inbox(@PathVariable String customerId) {
        return views(deliveries.findByCustomerIdAndChannelAndStatusInAndMessageNotOrderByCreatedAtDesc(
                currentId(customerId), Channel.IN_APP.name(), IN_INBOX, ""));
    }

    /** Records a provider receipt or an app's report: {@code DELIVERED}, {@code OPENED} or {@code CLICKED}. */
    @PostMapping("/api/v1/deliveries/{deliveryId}/receipts")
    ReceiptView receipt(@PathVariable String deliveryId, @RequestBody ReceiptBody body) {
        DeliveryStatus receipt = parseReceipt(body == null ? null : body.status());
        DeliveryStatus status = receipts.record(deliveryId, receipt)
                .orElseThrow(() -> new NotFoundException("delivery", "deliveryId", deliveryId));
        return new ReceiptView(deliveryId, status.name());
    }

    /** Returns the views of the deliveries, with the expiry of their coupons read in one query. */
    private List<DeliveryView> views(List<Delivery> found) {
        Map<String, ZonedDateTime> expiries = couponValidity.expiries(found.stream()
                .filter(delivery -> delivery.couponCode() != null).map(Delivery::deliveryId).toList());
        return found.stream().map(delivery -> {
            ZonedDateTime expiry = expiries.get(delivery.deliveryId());
            return DeliveryView.of(delivery, expiry == null ? null : expiry.toInstant(), expiry == null ? null
                    : couponValidity.line(expiry, Language.fromCode(delivery.language())));
        }).toList();
    }

    /** Returns the id the customer's deliveries are stored under: its own, or its survivor's after a merge. */
    private String currentId(String customerId) {
        return customers.find(customerId).map(Customer::customerId)
                .orElseThrow(() -> new NotFoundException("customer", "customerId", customerId));
    }

    private static DeliveryStatus parseReceipt(String status) {
        if (status != null) {
            for (DeliveryStatus receipt : RECEIPTS) {
                if (receipt.name().equalsIgnoreCase(status.trim())) {
                    return receipt;
                }
            }
        }
        throw new InvalidFieldException("status", status, "status must be one of " + RECEIPTS + ", got " + status);
    }

    record ReceiptBody(String status) {
    }

    record ReceiptView(String deliveryId, String status) {
    }

    /**
     * A delivery as listed; {@code lastError} gives the reason of a failure or a suppression, and {@code decisionId}
     * leads to the stored decision ({@code GET /api/v1/decisions/{decisionId}}).
     *
     * @param couponExpiresAt when the coupon stops being valid, or null without a coupon
     * @param couponValidity  the coupon's validity line in the delivery's language and the customer's time zone, such
     *                        as "valable jusqu'au 12 décembre 2026", or null without a coupon
     */
    record DeliveryView(String deliveryId, String offerId, String storeId, String channel, String status,
                        String message, String couponCode, String routeUrl, Instant createdAt, String title,
                        String qrCodeUrl, String geoUri, int attempts, String lastError, Instant updatedAt,
                        String decisionId, Instant couponExpiresAt, String couponValidity) {

        static DeliveryView of(Delivery delivery, Instant couponExpiresAt, String couponValidity) {
            return new DeliveryView(delivery.deliveryId(), delivery.offerId(), delivery.storeId(), delivery.channel(),
                    delivery.status(), delivery.message(), delivery.couponCode(), delivery.routeUrl(),
                    delivery.createdAt(), delivery.title(), delivery.qrCodeUrl(), delivery.geoUri(),
                    delivery.attempts(), delivery.lastError(), delivery.updatedAt(), delivery.decisionId(),
                    couponExpiresAt, couponValidity);
        }
    }
}
