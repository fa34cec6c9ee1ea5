package io.solomo.decision.retention;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Instant;
import java.time.Period;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Binds {@code solomo.retention.*} as Spring Boot binds it at start-up, with the conversions of the server. */
class RetentionSettingsTests {

    private static final Instant NOW = Instant.parse("2026-12-06T04:15:00Z");

    @Test
    void emptyPeriodTurnsRuleOff() {
        RetentionSettings settings = bind(Map.of("solomo.retention.location-fixes", ""));

        assertThat(settings.locationFixes()).isNull();
        assertThat(settings.locationFixesCutoff(NOW)).isEmpty();
        assertThat(settings.decisionContext()).isEqualTo(Period.ofYears(1));
    }

    @Test
    void periodsCountMonthsInUtc() {
        RetentionSettings settings = bind(Map.of());

        assertThat(settings.locationFixesCutoff(NOW)).contains(Instant.parse("2026-09-06T04:15:00Z"));
        assertThat(settings.decisionContextCutoff(NOW)).contains(Instant.parse("2025-12-06T04:15:00Z"));
        assertThat(settings.deliveryPayloadsCutoff(NOW)).contains(Instant.parse("2026-06-06T04:15:00Z"));
        assertThat(settings.inactiveProfilesCutoff(NOW)).contains(Instant.parse("2023-12-06T04:15:00Z"));
    }

    @Test
    void zeroPeriodNamesSettingAndValue() {
        assertThatThrownBy(() -> bind(Map.of("solomo.retention.inactive-profiles", "P0D")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageEndingWith("solomo.retention.inactive-profiles must be a positive period such as P3M or P1Y, or "
                        + "empty to turn the rule off, got P0D");
    }

    @Test
    void zeroBatchSizeIsRejected() {
        assertThatThrownBy(() -> bind(Map.of("solomo.retention.batch-size", "0")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageEndingWith("solomo.retention.batch-size must be at least 1, got 0");
    }

    /** Binds the defaults of application.properties with the given settings in their place. */
    private static RetentionSettings bind(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "solomo.retention.location-fixes", "P3M",
                "solomo.retention.decision-context", "P1Y",
                "solomo.retention.delivery-payloads", "P6M",
                "solomo.retention.inactive-profiles", "P3Y",
                "solomo.retention.batch-size", "500"));
        settings.putAll(overrides);
        return new Binder(new MapConfigurationPropertySource(settings))
                .bind("solomo.retention", RetentionSettings.class).get();
    }
}
