package io.solomo.decision.loyalty;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

/** The current regular of each store. */
interface StoreRegularRepository extends JpaRepository<StoreRegular, String> {

    List<StoreRegular> findByCustomerIdOrderByStoreId(String customerId);
}
