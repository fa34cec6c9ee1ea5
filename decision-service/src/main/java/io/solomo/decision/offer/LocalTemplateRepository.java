package io.solomo.decision.offer;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import java.util.Optional;

/** Local templates by the id of their catalogue offer. */
public interface LocalTemplateRepository extends JpaRepository<LocalTemplate, String> {

    /**
     * Returns the template and locks its row until the transaction ends, so that local campaigns of one template
     * are created one at a time and each finds the campaigns created before it.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select t from LocalTemplate t where t.offerId = :offerId")
    Optional<LocalTemplate> findForUpdate(String offerId);
}
