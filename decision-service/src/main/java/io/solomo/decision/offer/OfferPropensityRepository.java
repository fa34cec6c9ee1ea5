package io.solomo.decision.offer;

import org.hibernate.jpa.HibernateHints;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;

import jakarta.persistence.QueryHint;

import java.util.List;

/** Outcome counts by offer and segment. */
interface OfferPropensityRepository extends JpaRepository<OfferPropensity, OfferPropensity.Key> {

    /** Returns every count as a read-only entity, which a flush never checks for changes. */
    @Query("select p from OfferPropensity p")
    @QueryHints(@QueryHint(name = HibernateHints.HINT_READ_ONLY, value = "true"))
    List<OfferPropensity> findAllReadOnly();
}
