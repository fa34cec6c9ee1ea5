package io.solomo.decision.ruleset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One change to a rule set: an upload, an activation or a rollback, with who made it. */
@Entity
@Table(name = "rule_set_audit")
class RuleSetAudit {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "ruleset_id", nullable = false)
    private String rulesetId;

    @Column(name = "version", nullable = false)
    private int version;

    @Column(name = "action", nullable = false)
    private String action;

    @Column(name = "actor", nullable = false)
    private String actor;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    @Column(name = "detail", nullable = false, length = 1000)
    private String detail;

    protected RuleSetAudit() {
    }

    RuleSetAudit(String rulesetId, int version, String action, String actor, Instant recordedAt, String detail) {
        this.rulesetId = rulesetId;
        this.version = version;
        this.action = action;
        this.actor = actor;
        this.recordedAt = recordedAt;
        this.detail = detail.length() > 1000 ? detail.substring(0, 1000) : detail;
    }

    int version() {
        return version;
    }

    String action() {
        return action;
    }

    String actor() {
        return actor;
    }

    Instant recordedAt() {
        return recordedAt;
    }

    String detail() {
        return detail;
    }
}
