package io.solomo.decision.ruleset;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import java.util.Optional;

/** Rule sets by id; the lock serialises uploads and activations of one rule set. */
interface RuleSetRepository extends JpaRepository<RuleSet, String> {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select ruleSet from RuleSet ruleSet where ruleSet.rulesetId = ?1")
    Optional<RuleSet> findForUpdate(String rulesetId);

    /** Returns the active version alone, a cheap read for nodes that poll it; empty when none is active. */
    @Query("select ruleSet.activeVersion from RuleSet ruleSet where ruleSet.rulesetId = ?1")
    Optional<Integer> findActiveVersion(String rulesetId);
}
