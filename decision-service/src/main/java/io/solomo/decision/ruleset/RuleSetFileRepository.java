package io.solomo.decision.ruleset;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

/** Files of the versions. */
interface RuleSetFileRepository extends JpaRepository<RuleSetFile, Long> {

    List<RuleSetFile> findByVersionIdOrderByPath(Long versionId);
}
