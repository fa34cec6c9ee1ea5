package io.solomo.decision.report;

import org.springframework.test.context.TestPropertySource;

/** The report scenarios on the embedded default, H2, in a database of their own. */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:reports;DB_CLOSE_DELAY=-1")
class ReportH2IntegrationTests extends ReportScenarios {
}
