package io.solomo.decision.profile;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.Collection;
import java.util.List;

/** Identities by their normalised value. */
interface CustomerIdentityRepository extends JpaRepository<CustomerIdentity, Long> {

    /** Returns the type, value and customer id of every identity with one of the values, whatever its type. */
    @Query("select i.type, i.value, i.customer.customerId from CustomerIdentity i where i.value in :values")
    List<Object[]> findOwners(@Param("values") Collection<String> values);
}
