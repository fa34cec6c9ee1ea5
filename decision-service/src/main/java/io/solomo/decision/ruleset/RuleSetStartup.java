package io.solomo.decision.ruleset;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Seeds the offers rule set on the first start and loads its active version on every start. */
@Component
class RuleSetStartup implements ApplicationRunner {

    private final RuleSetVersions versions;

    RuleSetStartup(RuleSetVersions versions) {
        this.versions = versions;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        versions.loadAtStart();
    }
}
