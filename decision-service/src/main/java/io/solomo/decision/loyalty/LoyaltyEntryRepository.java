package io.solomo.decision.loyalty;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

/** The points ledger. */
interface LoyaltyEntryRepository extends JpaRepository<LoyaltyEntry, Long> {

    boolean existsByCustomerIdAndKindAndActionAndReference(String customerId, LoyaltyEntry.Kind kind, String action,
                                                           String reference);

    List<LoyaltyEntry> findByCustomerIdOrderByRecordedAtDescIdDesc(String customerId);
}
