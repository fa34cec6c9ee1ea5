package io.solomo.decision.campaign;

import io.solomo.decision.web.RejectUnknownFields;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** Campaign links for marketers. {@link CampaignScanController} serves the public side that a phone opens. */
@RestController
class CampaignLinkController {

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

    private LinkView view(CampaignLink link) {
        return new LinkView(link.code(), link.campaignId(), link.redirectUrl(), links.scanUrl(link.code()),
                links.scanUrl(link.code()) + "/qr.png", links.scanCount(link.code()), link.createdAt());
    }

    /** Where a scan sends the person, for example the app's store page. */
    @RejectUnknownFields
    record LinkBody(String redirectUrl) {
    }

    /** A campaign link with the URL to print as a QR code and how often it was scanned. */
    record LinkView(String code, String campaignId, String redirectUrl, String scanUrl, String qrCodeUrl, long scans,
                    Instant createdAt) {
    }
}
