package io.solomo.decision.segment;

import org.springframework.test.context.TestPropertySource;

/** The segment scenarios on the embedded default, H2, in a database of their own. */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:segments;DB_CLOSE_DELAY=-1")
class SegmentH2IntegrationTests extends SegmentScenarios {
}
