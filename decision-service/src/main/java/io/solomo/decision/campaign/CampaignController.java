package io.solomo.decision.campaign;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The campaigns marketers create links for. */
@RestController
class CampaignController {

    private final CampaignDirectory campaigns;

    CampaignController(CampaignDirectory campaigns) {
        this.campaigns = campaigns;
    }

    @GetMapping("/api/v1/campaigns")
    List<CampaignDirectory.CampaignView> list() {
        return campaigns.campaigns();
    }
}
