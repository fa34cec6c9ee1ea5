package io.solomo.decision.offer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A group of offers run together, named in French and English. */
@Entity
@Table(name = "campaign")
public class Campaign {

    @Id
    @Column(name = "campaign_id")
    private String campaignId;

    @Column(name = "name_fr", nullable = false)
    private String nameFr;

    @Column(name = "name_en", nullable = false)
    private String nameEn;

    protected Campaign() {
    }

    public Campaign(String campaignId, String nameFr, String nameEn) {
        this.campaignId = campaignId;
        this.nameFr = nameFr;
        this.nameEn = nameEn;
    }

    public String campaignId() {
        return campaignId;
    }

    String nameFr() {
        return nameFr;
    }

    String nameEn() {
        return nameEn;
    }
}
