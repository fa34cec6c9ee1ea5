package io.solomo.decision.offer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FactorsTests {

    @Test
    void priorityDropsFloatingPointNoise() {
        assertThat(Factors.of(0.3, 2.0, 6.0, 1.0).priority()).isEqualTo(3.6);
    }

    @Test
    void priorityKeepsSmallValues() {
        assertThat(Factors.of(0.0012345, 0.1, 1.0, 1.0).priority()).isEqualTo(0.00012345);
    }

    @Test
    void priorityRanksCloseCandidatesApart() {
        assertThat(Factors.of(0.30000001, 1.0, 1.0, 1.0).priority())
                .isGreaterThan(Factors.of(0.3, 1.0, 1.0, 1.0).priority());
    }
}
