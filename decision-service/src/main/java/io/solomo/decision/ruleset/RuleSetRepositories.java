package io.solomo.decision.ruleset;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;

/** Rule sets by id; the lock serialises uploads and activations of one rule set. */
interface RuleSetRepository extends JpaRepository<RuleSet, String> {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select ruleSet from RuleSet ruleSet where ruleSet.rulesetId = ?1")
    Optional<RuleSet> findForUpdate(String rulesetId);
}

/** Versions of the rule sets. */
interface RuleSetVersionRepository extends JpaRepository<RuleSetVersion, Long> {

    Optional<RuleSetVersion> findByRulesetIdAndVersion(String rulesetId, int version);

    List<RuleSetVersion> findByRulesetIdOrderByVersionDesc(String rulesetId);

    @Query("select coalesce(max(v.version), 0) from RuleSetVersion v where v.rulesetId = ?1")
    int lastVersion(String rulesetId);
}

/** Files of the versions. */
interface RuleSetFileRepository extends JpaRepository<RuleSetFile, Long> {

    List<RuleSetFile> findByVersionIdOrderByPath(Long versionId);
}

/** The audit trail of rule set changes. */
interface RuleSetAuditRepository extends JpaRepository<RuleSetAudit, Long> {

    List<RuleSetAudit> findByRulesetIdOrderByRecordedAtDescIdDesc(String rulesetId);
}
