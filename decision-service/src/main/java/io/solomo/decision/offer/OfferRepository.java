package io.solomo.decision.offer;

import org.springframework.data.jpa.repository.JpaRepository;

/** The offer catalogue by offer id. */
public interface OfferRepository extends JpaRepository<Offer, String> {
}
