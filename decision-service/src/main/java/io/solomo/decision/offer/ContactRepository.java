package io.solomo.decision.offer;

import org.springframework.data.jpa.repository.JpaRepository;

import java.time.Instant;

/** Past contacts over time windows; windows include their start and exclude their end. */
interface ContactRepository extends JpaRepository<Contact, Long> {

    boolean existsByCustomerIdAndOfferIdAndContactedAtGreaterThanAndContactedAtLessThanEqual(
            String customerId, String offerId, Instant from, Instant to);
}
