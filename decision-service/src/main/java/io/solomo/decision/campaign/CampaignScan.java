package io.solomo.decision.campaign;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One scan of a campaign link. The scanner is anonymous until the app reports the scan id with an identity. */
@Entity
@Table(name = "campaign_scan")
class CampaignScan {

    @Id
    @Column(name = "scan_id")
    private String scanId;

    @Column(name = "code", nullable = false)
    private String code;

    @Column(name = "campaign_id", nullable = false)
    private String campaignId;

    @Column(name = "scanned_at", nullable = false)
    private Instant scannedAt;

    @Column(name = "user_agent", length = 300)
    private String userAgent;

    protected CampaignScan() {
    }

    CampaignScan(String scanId, String code, String campaignId, Instant scannedAt, String userAgent) {
        this.scanId = scanId;
        this.code = code;
        this.campaignId = campaignId;
        this.scannedAt = scannedAt;
        this.userAgent = userAgent == null || userAgent.length() <= 300 ? userAgent : userAgent.substring(0, 300);
    }
}
