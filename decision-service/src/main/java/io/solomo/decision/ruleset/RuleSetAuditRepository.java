package io.solomo.decision.ruleset;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

/** The audit trail of rule set changes, newest first. */
interface RuleSetAuditRepository extends JpaRepository<RuleSetAudit, Long> {

    List<RuleSetAudit> findByRulesetIdOrderByRecordedAtDescIdDesc(String rulesetId);
}
