package io.solomo.decision.local;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Local campaigns by id. */
interface LocalCampaignRepository extends JpaRepository<LocalCampaign, Long> {

    /**
     * Returns the campaign and locks its row until the transaction ends, so that a concurrent approval, rejection
     * or withdrawal waits and then reads the state this one leaves.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from LocalCampaign c where c.localCampaignId = :localCampaignId")
    Optional<LocalCampaign> findForUpdate(long localCampaignId);

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

    /**
     * Returns the ids of the template's campaigns in this state, without loading them, so that the caller can lock
     * each with {@link #findForUpdate} and read its current state.
     */
    @Query("""
            select c.localCampaignId from LocalCampaign c
            where c.templateOfferId = :templateOfferId and c.status = :status order by c.localCampaignId""")
    List<Long> findIdsByTemplateAndStatus(String templateOfferId, String status);

    /** Returns the ids of the template's campaigns in this state that end on this day or later. */
    @Query("""
            select c.localCampaignId from LocalCampaign c
            where c.templateOfferId = :templateOfferId and c.status = :status and c.endDate >= :endingFrom
            order by c.localCampaignId""")
    List<Long> findIdsEndingFrom(String templateOfferId, String status, LocalDate endingFrom);
}
