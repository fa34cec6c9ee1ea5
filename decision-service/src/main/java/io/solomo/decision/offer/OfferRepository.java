package io.solomo.decision.offer;

import org.hibernate.jpa.HibernateHints;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;

import jakarta.persistence.LockModeType;
import jakarta.persistence.QueryHint;

import java.util.List;
import java.util.Optional;

/** The offer catalogue by offer id. */
public interface OfferRepository extends JpaRepository<Offer, String> {

    /** Returns every offer as a read-only entity, which a flush never checks for changes. */
    @Query("select o from Offer o")
    @QueryHints(@QueryHint(name = HibernateHints.HINT_READ_ONLY, value = "true"))
    List<Offer> findAllReadOnly();

    /**
     * Returns the offer and locks its row until the transaction ends. A local campaign's creation locks its template
     * this way, so that a concurrent change of the template's coupon validity either reaches the new local offers
     * or waits for them.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select o from Offer o where o.offerId = :offerId")
    Optional<Offer> findForUpdate(String offerId);
}
