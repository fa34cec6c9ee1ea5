package io.solomo.decision.loyalty;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

/** The points ledger. */
interface LoyaltyEntryRepository extends JpaRepository<LoyaltyEntry, Long> {

    boolean existsByCustomerIdAndKindAndActionAndReference(String customerId, LoyaltyEntry.Kind kind, String action,
                                                           String reference);

    Optional<LoyaltyEntry> findByCustomerIdAndKindAndActionAndReference(String customerId, LoyaltyEntry.Kind kind,
                                                                       String action, String reference);

    List<LoyaltyEntry> findByCustomerIdOrderByRecordedAtDescIdDesc(String customerId);
}
