package io.solomo.decision.campaign;

import org.springframework.data.jpa.repository.JpaRepository;

/** Scans of campaign links. */
interface CampaignScanRepository extends JpaRepository<CampaignScan, String> {

    long countByCode(String code);
}
