package io.solomo.decision.offer;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The checks of the contact policy settings, which stop the server at start-up when they fail. */
class PolicySettingsTests {

    @Test
    void equalQuietHoursAreRejected() {
        assertThatThrownBy(() -> withQuietHours(LocalTime.of(8, 0), LocalTime.of(8, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("solomo.policy.quiet-hours-end must differ from solomo.policy.quiet-hours-start, got "
                        + "08:00 for both; leave both unset for no quiet hours");
    }

    @Test
    void quietHoursAcrossMidnightAreAccepted() {
        assertThat(withQuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0)).hasQuietHours()).isTrue();
    }

    @Test
    void noQuietHoursAreAccepted() {
        assertThat(withQuietHours(null, null).hasQuietHours()).isFalse();
    }

    private static PolicySettings withQuietHours(LocalTime start, LocalTime end) {
        return new PolicySettings(3, 10, 3, Duration.ofHours(2), start, end, 0, null, 1);
    }
}
