package io.solomo.decision.local;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/** Local campaigns by id. */
interface LocalCampaignRepository extends JpaRepository<LocalCampaign, Long> {

    /** Returns the campaigns in these states, most recent first. */
    List<LocalCampaign> findByStatusInOrderByLocalCampaignIdDesc(Collection<String> statuses);

    /**
     * Returns the campaigns of the template at the store, in these states, whose dates share at least one day with
     * the period given.
     */
    @Query("""
            select distinct c from LocalCampaign c join c.stores s
            where c.templateOfferId = :templateOfferId and s.storeId = :storeId and c.status in :statuses
              and c.startDate <= :endDate and c.endDate >= :startDate""")
    List<LocalCampaign> findOverlapping(String templateOfferId, String storeId, Collection<String> statuses,
                                        LocalDate startDate, LocalDate endDate);
}
