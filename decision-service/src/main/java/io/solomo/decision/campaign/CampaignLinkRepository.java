package io.solomo.decision.campaign;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

/** Campaign links by code. */
interface CampaignLinkRepository extends JpaRepository<CampaignLink, String> {

    List<CampaignLink> findByCampaignIdOrderByCreatedAt(String campaignId);
}
