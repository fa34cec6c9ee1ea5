package io.solomo.decision.profile;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Customer profiles by customer id. */
public interface CustomerRepository extends JpaRepository<Customer, String> {

    /** Returns those of these ids that belong to a stored profile. */
    @Query("select c.customerId from Customer c where c.customerId in :ids")
    List<String> findExistingIds(@Param("ids") Collection<String> ids);

    /**
     * Returns the general (channel-less) consents for one purpose of these profiles, oldest first, as
     * {customer id, status, recorded at}; among consents recorded at the same instant, the first stored comes last.
     */
    @Query("select k.customer.customerId, k.status, k.recordedAt from Consent k where k.customer.customerId in :ids "
            + "and k.purpose = :purpose and k.channel is null order by k.recordedAt, k.id desc")
    List<Object[]> findGeneralConsents(@Param("ids") Collection<String> ids, @Param("purpose") ConsentPurpose purpose);

    /** Returns the profile with its consent history, read with one query. Its preferred channels load lazily. */
    @Query("select c from Customer c left join fetch c.consents where c.customerId = :id")
    Optional<Customer> findWithConsents(@Param("id") String customerId);
}
