package io.solomo.decision.coupon;

import io.solomo.decision.web.NotFoundException;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;

/**
 * Serves a coupon's QR code as a PNG. Public, because the customer's phone or mail client fetches it without API
 * credentials; the code alone is the secret, and an unknown or forged code gets 404.
 */
@RestController
class QrCodeController {

    private static final int SIZE_PIXELS = 300;

    private final CouponIssuer coupons;

    QrCodeController(CouponIssuer coupons) {
        this.coupons = coupons;
    }

    @GetMapping(path = "/coupons/{code}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> qrCode(@PathVariable String code) {
        if (!coupons.hasValidSignature(code) || coupons.find(code).isEmpty()) {
            throw new NotFoundException("coupon", "code", code);
        }
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePrivate())
                .contentType(MediaType.IMAGE_PNG)
                .body(QrCodes.png(code, SIZE_PIXELS));
    }
}
