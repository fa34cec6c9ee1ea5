package io.solomo.decision.campaign;

import io.solomo.decision.coupon.QrCodes;
import io.solomo.decision.web.NotFoundException;
import io.solomo.decision.web.PublicLinkPages;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;

/**
 * The public side of campaign links, which a phone opens without credentials: {@code GET /q/{code}} records the scan
 * and redirects ({@code 302}), {@code GET /q/{code}/qr.png} is the code to print.
 */
@RestController
class CampaignScanController {

    private static final int PRINT_SIZE_PIXELS = 600;

    private final CampaignLinks links;

    CampaignScanController(CampaignLinks links) {
        this.links = links;
    }

    @GetMapping("/q/{code}")
    ResponseEntity<Void> scan(@PathVariable String code,
                              @RequestHeader(name = "User-Agent", required = false) String userAgent) {
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(links.scan(code, userAgent))
                .cacheControl(CacheControl.noStore())
                .build();
    }

    /** Redirects a link checker or a link preview as a scan does, but records no scan. */
    @RequestMapping(path = "/q/{code}", method = RequestMethod.HEAD)
    ResponseEntity<Void> checkScanLink(@PathVariable String code) {
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(links.target(code))
                .cacheControl(CacheControl.noStore())
                .build();
    }

    @GetMapping(path = "/q/{code}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> qrCode(@PathVariable String code) {
        CampaignLink link = links.find(code);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofDays(30)).cachePublic())
                .contentType(MediaType.IMAGE_PNG)
                .body(QrCodes.png(links.scanUrl(link.code()), PRINT_SIZE_PIXELS));
    }

    /** Shows a phone's browser a page in French and English for an unknown code; API clients get the problem. */
    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> unknownCode(NotFoundException failure, HttpServletRequest request) {
        return PublicLinkPages.notFound(request, failure,
                "Ce lien de campagne n'existe pas. Vérifiez l'adresse ou scannez à nouveau le QR code.",
                "This campaign link does not exist. Check the address, or scan the QR code again.");
    }
}
