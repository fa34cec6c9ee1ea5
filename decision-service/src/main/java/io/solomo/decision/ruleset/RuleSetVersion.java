package io.solomo.decision.ruleset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One uploaded version of a rule set, with its validation report as JSON. */
@Entity
@Table(name = "rule_set_version")
class RuleSetVersion {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "ruleset_id", nullable = false)
    private String rulesetId;

    @Column(name = "version", nullable = false)
    private int version;

    @Column(name = "status", nullable = false)
    private String status;

    @Column(name = "rule_count", nullable = false)
    private int ruleCount;

    @Column(name = "uploaded_by", nullable = false)
    private String uploadedBy;

    @Column(name = "uploaded_at", nullable = false)
    private Instant uploadedAt;

    @Column(name = "report_json", nullable = false, length = 1_000_000)
    private String reportJson;

    protected RuleSetVersion() {
    }

    RuleSetVersion(String rulesetId, int version, VersionStatus status, int ruleCount, String uploadedBy,
                   Instant uploadedAt, String reportJson) {
        this.rulesetId = rulesetId;
        this.version = version;
        this.status = status.name();
        this.ruleCount = ruleCount;
        this.uploadedBy = uploadedBy;
        this.uploadedAt = uploadedAt;
        this.reportJson = reportJson;
    }

    Long id() {
        return id;
    }

    String rulesetId() {
        return rulesetId;
    }

    int version() {
        return version;
    }

    VersionStatus status() {
        return VersionStatus.valueOf(status);
    }

    int ruleCount() {
        return ruleCount;
    }

    String uploadedBy() {
        return uploadedBy;
    }

    Instant uploadedAt() {
        return uploadedAt;
    }

    String reportJson() {
        return reportJson;
    }
}
