package io.solomo.decision.offer;

import io.solomo.model.Channel;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.time.Instant;
import java.util.List;

/** Counts of past contacts over time windows; windows include their start and exclude their end. */
interface ContactRepository extends JpaRepository<Contact, Long> {

    /** The customer's contacts with {@code from <= contactedAt < to}. */
    @Query("""
            select new io.solomo.decision.offer.PastContact(c.offerId, c.channel, c.contactedAt)
            from Contact c
            where c.customerId = :customerId and c.contactedAt >= :from and c.contactedAt < :to""")
    List<PastContact> findPast(@Param("customerId") String customerId, @Param("from") Instant from,
                               @Param("to") Instant to);

    boolean existsByCustomerIdAndOfferIdAndContactedAtGreaterThanAndContactedAtLessThanEqual(
            String customerId, String offerId, Instant from, Instant to);

    long countByOfferId(String offerId);

    long countByOfferIdAndContactedAtGreaterThanEqualAndContactedAtLessThan(String offerId, Instant from, Instant to);
}
