package io.solomo.decision.offer;

import org.hibernate.jpa.HibernateHints;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;

import jakarta.persistence.QueryHint;

import java.util.List;

/** The offer catalogue by offer id. */
public interface OfferRepository extends JpaRepository<Offer, String> {

    /** Returns every offer as a read-only entity, which a flush never checks for changes. */
    @Query("select o from Offer o")
    @QueryHints(@QueryHint(name = HibernateHints.HINT_READ_ONLY, value = "true"))
    List<Offer> findAllReadOnly();
}
