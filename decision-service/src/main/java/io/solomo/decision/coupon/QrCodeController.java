package io.solomo.decision.coupon;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.solomo.decision.web.NotFoundException;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

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
                .body(png(code));
    }

    private static byte[] png(String content) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, SIZE_PIXELS, SIZE_PIXELS,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "PNG", out);
            return out.toByteArray();
        } catch (WriterException tooLong) {
            throw new IllegalStateException("a coupon code did not fit in a QR code", tooLong);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }
}
