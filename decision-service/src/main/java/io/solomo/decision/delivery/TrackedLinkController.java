package io.solomo.decision.delivery;

import io.solomo.decision.web.NotFoundException;
import io.solomo.decision.web.PublicLinkPages;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/** The tracked link {@code /t/{deliveryId}} of a message, which the customer opens without credentials. */
@RestController
class TrackedLinkController {

    private final DeliveryRepository deliveries;
    private final DeliveryReceipts receipts;

    TrackedLinkController(DeliveryRepository deliveries, DeliveryReceipts receipts) {
        this.deliveries = deliveries;
        this.receipts = receipts;
    }

    /** Records a click on a message's tracked link, then redirects to the route to the store or the coupon. */
    @GetMapping("/t/{deliveryId}")
    ResponseEntity<Void> click(@PathVariable String deliveryId) {
        Delivery delivery = deliveries.findById(deliveryId)
                .orElseThrow(() -> new NotFoundException("delivery", "deliveryId", deliveryId));
        receipts.record(deliveryId, DeliveryStatus.CLICKED);
        return redirect(delivery);
    }

    /** Redirects a link checker or a link preview, such as a mail server's link scanner, but records no click. */
    @RequestMapping(path = "/t/{deliveryId}", method = RequestMethod.HEAD)
    ResponseEntity<Void> check(@PathVariable String deliveryId) {
        return redirect(deliveries.findById(deliveryId)
                .orElseThrow(() -> new NotFoundException("delivery", "deliveryId", deliveryId)));
    }

    private static ResponseEntity<Void> redirect(Delivery delivery) {
        String target = delivery.routeUrl() != null ? delivery.routeUrl() : delivery.qrCodeUrl();
        if (target == null) {
            return ResponseEntity.noContent().build();
        }
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(target)).build();
    }

    /** Shows the customer's browser a page in French and English for an unknown link; API clients get the problem. */
    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> unknownDelivery(NotFoundException failure, HttpServletRequest request) {
        return PublicLinkPages.notFound(request, failure,
                "Ce lien de notre message n'existe pas. Utilisez le lien de notre dernier message, tel que vous "
                        + "l'avez reçu.",
                "This link from our message does not exist. Use the link of our latest message, as you received it.");
    }
}
