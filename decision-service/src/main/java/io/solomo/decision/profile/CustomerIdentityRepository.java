package io.solomo.decision.profile;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.Optional;

/** Identities by their normalised value. */
interface CustomerIdentityRepository extends JpaRepository<CustomerIdentity, Long> {

    /** Returns the id of the customer holding the identity, if any. */
    @Query("select i.customer.customerId from CustomerIdentity i where i.type = :type and i.value = :value")
    Optional<String> findOwner(@Param("type") IdentityType type, @Param("value") String value);
}
