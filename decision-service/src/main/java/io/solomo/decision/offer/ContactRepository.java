package io.solomo.decision.offer;

import io.solomo.model.Channel;
import org.springframework.data.jpa.repository.JpaRepository;

import java.time.Instant;

/** Counts of past contacts over time windows; windows include their start and exclude their end. */
interface ContactRepository extends JpaRepository<Contact, Long> {

    long countByCustomerIdAndChannelAndContactedAtGreaterThanEqualAndContactedAtLessThan(
            String customerId, Channel channel, Instant from, Instant to);

    long countByCustomerIdAndContactedAtGreaterThanEqualAndContactedAtLessThan(
            String customerId, Instant from, Instant to);

    boolean existsByCustomerIdAndOfferIdAndContactedAtGreaterThanAndContactedAtLessThanEqual(
            String customerId, String offerId, Instant from, Instant to);

    long countByOfferId(String offerId);

    long countByOfferIdAndContactedAtGreaterThanEqualAndContactedAtLessThan(String offerId, Instant from, Instant to);
}
