package io.solomo.decision.ruleset;

import io.solomo.decision.persistence.DatabasePoller;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Polls the active version of the offers rule set every {@code solomo.rulesets.poll-interval}, so that every node
 * switches after an activation or rollback on any one of them. A poll reads one column of one row, and only a
 * changed version is compiled, on the poller's thread.
 */
@Component
class ActiveVersionFollower extends DatabasePoller {

    private final RuleSetVersions versions;

    ActiveVersionFollower(RuleSetVersions versions,
                          @Value("${solomo.rulesets.poll-interval:PT5S}") Duration pollInterval) {
        super("active rule set version", "solomo.rulesets.poll-interval", pollInterval);
        this.versions = versions;
    }

    @Override
    protected void poll() {
        versions.followActiveVersion();
    }
}
