package io.solomo.decision.loyalty;

import org.springframework.data.jpa.repository.JpaRepository;

import java.time.Instant;
import java.util.List;

/** Loyalty accounts by customer id. */
interface LoyaltyAccountRepository extends JpaRepository<LoyaltyAccount, String> {

    List<LoyaltyAccount> findByLastActivityBeforeAndBalanceGreaterThan(Instant before, long balance);
}
