package io.solomo.decision.ruleset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A rule set and the version that decisions use now. */
@Entity
@Table(name = "rule_set")
class RuleSet {

    @Id
    @Column(name = "ruleset_id")
    private String rulesetId;

    @Column(name = "active_version")
    private Integer activeVersion;

    @Column(name = "previous_version")
    private Integer previousVersion;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected RuleSet() {
    }

    RuleSet(String rulesetId, Instant createdAt) {
        this.rulesetId = rulesetId;
        this.updatedAt = createdAt;
    }

    /** Makes the version active and remembers the one it replaces, for a rollback without a version. */
    void activate(int version, Instant at) {
        if (activeVersion != null && activeVersion != version) {
            previousVersion = activeVersion;
        }
        activeVersion = version;
        updatedAt = at;
    }

    String rulesetId() {
        return rulesetId;
    }

    Integer activeVersion() {
        return activeVersion;
    }

    Integer previousVersion() {
        return previousVersion;
    }
}
