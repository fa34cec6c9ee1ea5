package io.solomo.decision.ruleset;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;

/** Versions of the rule sets. */
interface RuleSetVersionRepository extends JpaRepository<RuleSetVersion, Long> {

    Optional<RuleSetVersion> findByRulesetIdAndVersion(String rulesetId, int version);

    List<RuleSetVersion> findByRulesetIdOrderByVersionDesc(String rulesetId);

    /** Returns the highest version number of the rule set, or 0 when it has none. */
    @Query("select coalesce(max(v.version), 0) from RuleSetVersion v where v.rulesetId = ?1")
    int lastVersion(String rulesetId);
}
