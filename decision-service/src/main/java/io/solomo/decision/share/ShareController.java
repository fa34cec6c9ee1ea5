package io.solomo.decision.share;

import io.solomo.decision.web.RejectUnknownFields;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.security.Principal;

/**
 * Share links: the app creates a share for its customer (201, or 200 with the earlier share when the customer shared
 * the offer on that network before), anyone following {@code /s/{code}} is counted and sent to the landing page
 * ({@link ShareLinkController}), and a friend's app claims the offer through the share (201, or 200 with the same
 * coupon when the friend claimed through this share before).
 */
@RestController
class ShareController {

    private final SocialShares shares;

    ShareController(SocialShares shares) {
        this.shares = shares;
    }

    @PostMapping("/api/v1/customers/{customerId}/shares")
    ResponseEntity<SocialShares.Created> share(@PathVariable String customerId,
                                               @RequestBody(required = false) ShareBody body, Principal caller) {
        SocialShares.Created created = shares.share(customerId, body == null ? null : body.offerId(),
                body == null ? null : body.network(), caller.getName());
        if (created.repeated()) {
            return ResponseEntity.ok(created);
        }
        return ResponseEntity.created(URI.create("/api/v1/shares/" + created.code())).body(created);
    }

    @GetMapping("/api/v1/shares/{code}")
    SocialShares.Summary summary(@PathVariable String code) {
        return shares.summary(code);
    }

    @PostMapping("/api/v1/shares/{code}/claims")
    ResponseEntity<SocialShares.Claimed> claim(@PathVariable String code,
                                               @RequestBody(required = false) ClaimBody body) {
        SocialShares.Claimed claimed = shares.claim(code, body == null ? null : body.customerId());
        if (claimed.repeated()) {
            return ResponseEntity.ok(claimed);
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(claimed);
    }

    /** @param network where the customer shares the offer, such as facebook, instagram or whatsapp */
    @RejectUnknownFields
    record ShareBody(String offerId, String network) {
    }

    /** @param customerId the friend claiming the shared offer */
    @RejectUnknownFields
    record ClaimBody(String customerId) {
    }
}
