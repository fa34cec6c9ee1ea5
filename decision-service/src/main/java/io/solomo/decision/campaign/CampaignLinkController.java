package io.solomo.decision.campaign;

import io.solomo.decision.coupon.QrCodes;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Campaign links for marketers, and the public side a phone sees: {@code GET /q/{code}} records the scan and
 * redirects ({@code 302}), {@code GET /q/{code}/qr.png} is the code to print.
 */
@RestController
class CampaignLinkController {

    private static final int PRINT_SIZE_PIXELS = 600;

    private final CampaignLinks links;

    CampaignLinkController(CampaignLinks links) {
        this.links = links;
    }

    @PostMapping("/api/v1/campaigns/{campaignId}/links")
    ResponseEntity<LinkView> create(@PathVariable String campaignId, @RequestBody LinkBody body) {
        CampaignLink link = links.create(campaignId, body.redirectUrl());
        return ResponseEntity.status(HttpStatus.CREATED).body(view(link));
    }

    @GetMapping("/api/v1/campaigns/{campaignId}/links")
    List<LinkView> list(@PathVariable String campaignId) {
        return links.linksOf(campaignId).stream().map(this::view).toList();
    }

    @GetMapping("/q/{code}")
    ResponseEntity<Void> scan(@PathVariable String code,
                              @RequestHeader(name = "User-Agent", required = false) String userAgent) {
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(links.scan(code, userAgent))
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

    private LinkView view(CampaignLink link) {
        return new LinkView(link.code(), link.campaignId(), link.redirectUrl(), links.scanUrl(link.code()),
                links.scanUrl(link.code()) + "/qr.png", links.scanCount(link.code()), link.createdAt());
    }

    /** Where a scan sends the person, for example the app's store page. */
    record LinkBody(String redirectUrl) {
    }

    /** A campaign link with the URL to print as a QR code and how often it was scanned. */
    record LinkView(String code, String campaignId, String redirectUrl, String scanUrl, String qrCodeUrl, long scans,
                    Instant createdAt) {
    }
}
