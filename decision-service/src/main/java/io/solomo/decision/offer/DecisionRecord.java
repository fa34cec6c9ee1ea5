package io.solomo.decision.offer;

import io.solomo.decision.persistence.AssignedIdEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * The log entry of one decision: its request, the facts the rules saw, the rules that fired, the offers chosen and
 * why each held-back candidate was held back. Lists and facts are stored as JSON.
 */
@Entity
@Table(name = "decision_record")
class DecisionRecord extends AssignedIdEntity<String> {

    @Id
    @Column(name = "decision_id")
    private String decisionId;

    @Column(name = "customer_id", nullable = false)
    private String customerId;

    @Column(name = "channel", nullable = false)
    private String channel;

    @Column(name = "store_id")
    private String storeId;

    @Column(name = "trigger_type", nullable = false)
    private String triggerType;

    @Column(name = "event_id")
    private String eventId;

    @Column(name = "rules_version", nullable = false)
    private String rulesVersion;

    @Column(name = "contact_at", nullable = false)
    private Instant contactAt;

    @Column(name = "decided_at", nullable = false)
    private Instant decidedAt;

    @Column(name = "request_json", nullable = false, length = 100_000)
    private String requestJson;

    @Column(name = "fired_rules", nullable = false, length = 100_000)
    private String firedRules;

    @Column(name = "offers_json", nullable = false, length = 1_000_000)
    private String offersJson;

    @Column(name = "rejections_json", nullable = false, length = 1_000_000)
    private String rejectionsJson;

    @Column(name = "holdout", nullable = false)
    private boolean holdout;

    @Column(name = "candidates_json", nullable = false, length = 1_000_000)
    private String candidatesJson;

    /** The {@link DecisionFacts} as JSON: null for decisions stored before it was kept, {@code {}} after erasure. */
    @Column(name = "facts_json", length = 100_000)
    private String factsJson;

    protected DecisionRecord() {
    }

    @Override
    public String getId() {
        return decisionId;
    }

    DecisionRecord(String decisionId, String customerId, String channel, String storeId, String triggerType,
                   String eventId, String rulesVersion, Instant contactAt, Instant decidedAt, String requestJson,
                   String firedRules, String offersJson, String rejectionsJson, boolean holdout,
                   String candidatesJson, String factsJson) {
        this.decisionId = decisionId;
        this.customerId = customerId;
        this.channel = channel;
        this.storeId = storeId;
        this.triggerType = triggerType;
        this.eventId = eventId;
        this.rulesVersion = rulesVersion;
        this.contactAt = contactAt;
        this.decidedAt = decidedAt;
        this.requestJson = requestJson;
        this.firedRules = firedRules;
        this.offersJson = offersJson;
        this.rejectionsJson = rejectionsJson;
        this.holdout = holdout;
        this.candidatesJson = candidatesJson;
        this.factsJson = factsJson;
    }

    String decisionId() {
        return decisionId;
    }

    String customerId() {
        return customerId;
    }

    String channel() {
        return channel;
    }

    String storeId() {
        return storeId;
    }

    String triggerType() {
        return triggerType;
    }

    String eventId() {
        return eventId;
    }

    String rulesVersion() {
        return rulesVersion;
    }

    Instant contactAt() {
        return contactAt;
    }

    Instant decidedAt() {
        return decidedAt;
    }

    String requestJson() {
        return requestJson;
    }

    String firedRules() {
        return firedRules;
    }

    String offersJson() {
        return offersJson;
    }

    String rejectionsJson() {
        return rejectionsJson;
    }

    boolean holdout() {
        return holdout;
    }

    String candidatesJson() {
        return candidatesJson;
    }

    String factsJson() {
        return factsJson;
    }
}
