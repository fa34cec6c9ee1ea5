package io.solomo.decision.store;

import org.springframework.data.jpa.repository.JpaRepository;

/** Stores by store id. */
public interface StoreRepository extends JpaRepository<Store, String> {
}
