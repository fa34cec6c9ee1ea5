package io.solomo.decision.offer;

import org.springframework.data.jpa.repository.JpaRepository;

/** Campaigns by campaign id. */
public interface CampaignRepository extends JpaRepository<Campaign, String> {
}
