package io.solomo.decision.profile;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.Optional;

/** Customer profiles by customer id. */
public interface CustomerRepository extends JpaRepository<Customer, String> {

    /** Returns the profile with its consent history, read with one query. Its preferred channels load lazily. */
    @Query("select c from Customer c left join fetch c.consents where c.customerId = :id")
    Optional<Customer> findWithConsents(@Param("id") String customerId);
}
