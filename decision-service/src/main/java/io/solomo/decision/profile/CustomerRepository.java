package io.solomo.decision.profile;

import org.springframework.data.jpa.repository.JpaRepository;

/** Customer profiles by customer id. */
public interface CustomerRepository extends JpaRepository<Customer, String> {
}
