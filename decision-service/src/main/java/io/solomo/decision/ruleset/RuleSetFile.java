package io.solomo.decision.ruleset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One file of a version, byte for byte as uploaded. */
@Entity
@Table(name = "rule_set_file")
class RuleSetFile {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "version_id", nullable = false)
    private Long versionId;

    @Column(name = "path", nullable = false)
    private String path;

    @Column(name = "content", nullable = false)
    private byte[] content;

    protected RuleSetFile() {
    }

    RuleSetFile(Long versionId, String path, byte[] content) {
        this.versionId = versionId;
        this.path = path;
        this.content = content;
    }

    String path() {
        return path;
    }

    byte[] content() {
        return content;
    }
}
