package io.solomo.decision.profile;

/** The datamart scenarios on the embedded default, H2. */
class DatamartH2IntegrationTests extends DatamartScenarios {
}
