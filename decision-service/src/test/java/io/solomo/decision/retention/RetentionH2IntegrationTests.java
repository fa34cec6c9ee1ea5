package io.solomo.decision.retention;

/** The retention scenarios on the embedded default, H2. */
class RetentionH2IntegrationTests extends RetentionScenarios {
}
