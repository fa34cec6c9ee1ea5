package io.solomo.decision.campaign;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A short code printed on an advert; scanning it opens {@code /q/{code}}, which redirects to {@code redirectUrl}. */
@Entity
@Table(name = "campaign_link")
class CampaignLink {

    @Id
    @Column(name = "code")
    private String code;

    @Column(name = "campaign_id", nullable = false)
    private String campaignId;

    @Column(name = "redirect_url", nullable = false, length = 1000)
    private String redirectUrl;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected CampaignLink() {
    }

    CampaignLink(String code, String campaignId, String redirectUrl, Instant createdAt) {
        this.code = code;
        this.campaignId = campaignId;
        this.redirectUrl = redirectUrl;
        this.createdAt = createdAt;
    }

    String code() {
        return code;
    }

    String campaignId() {
        return campaignId;
    }

    String redirectUrl() {
        return redirectUrl;
    }

    Instant createdAt() {
        return createdAt;
    }
}
