package io.solomo.decision.offer;

import org.springframework.data.jpa.repository.JpaRepository;

/** Outcome counts by offer and segment. */
interface OfferPropensityRepository extends JpaRepository<OfferPropensity, OfferPropensity.Key> {
}
