package io.solomo.decision;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Invalid {@code solomo.*} settings stop the server with Spring Boot's "APPLICATION FAILED TO START" block, which
 * names the setting and the value. Each server fails before its web server starts, so none opens a port.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupSettingsTests {

    private static final String FAILED = "APPLICATION FAILED TO START";

    @Test
    void unreadableDurationNamesSetting(CapturedOutput output) {
        startDemoFails("unreadable-duration", "--solomo.coupons.validity=banana");

        assertThat(output).contains(FAILED);
        assertThat(output).contains("Invalid value 'banana' for configuration property 'solomo.coupons.validity'");
        assertThat(output).contains("a duration such as PT30S");
    }

    @Test
    void unknownTimeZoneNamesSetting(CapturedOutput output) {
        startDemoFails("unknown-zone", "--solomo.default-time-zone=Mars/Olympus");

        assertThat(output).contains(FAILED);
        assertThat(output).contains("solomo.default-time-zone");
        assertThat(output).contains("Mars/Olympus");
    }

    @Test
    void unreadableWholeNumberNamesSetting(CapturedOutput output) {
        startDemoFails("unreadable-number", "--solomo.delivery.sms.max-segments=two");

        assertThat(output).contains(FAILED);
        assertThat(output)
                .contains("Invalid value 'two' for configuration property 'solomo.delivery.sms.max-segments'");
        assertThat(output).contains("a whole number");
    }

    @Test
    void unreadablePollIntervalNamesSetting(CapturedOutput output) {
        startDemoFails("unreadable-poll", "--solomo.delivery.poll-interval-ms=fast");

        assertThat(output).contains(FAILED);
        assertThat(output)
                .contains("Invalid value 'fast' for configuration property 'solomo.delivery.poll-interval-ms'");
    }

    @Test
    void zeroSmsSegmentsIsRejected(CapturedOutput output) {
        startDemoFails("zero-segments", "--solomo.delivery.sms.max-segments=0");

        assertThat(output).contains(FAILED);
        assertThat(output).contains("solomo.delivery.sms.max-segments must be at least 1, got 0");
    }

    @Test
    void unknownSmsEncodingIsRejected(CapturedOutput output) {
        startDemoFails("unknown-sms-encoding", "--solomo.delivery.sms.encoding=ascii");

        assertThat(output).contains(FAILED);
        assertThat(output).contains("solomo.delivery.sms.encoding must be one of smart, unicode, got 'ascii'");
    }

    @Test
    void zeroCouponValidityIsRejected(CapturedOutput output) {
        startDemoFails("zero-validity", "--solomo.coupons.validity=0s");

        assertThat(output).contains(FAILED);
        assertThat(output).contains("solomo.coupons.validity must be a positive duration");
    }

    @Test
    void negativeRateIsRejected(CapturedOutput output) {
        startDemoFails("negative-rate", "--solomo.delivery.email.rate-per-second=-1");

        assertThat(output).contains(FAILED);
        assertThat(output).contains("solomo.delivery.email.rate-per-second must be 0 or more, got -1.0");
    }

    @Test
    void shortSigningSecretNamesSettingNotValue(CapturedOutput output) {
        startDemoFails("short-secret", "--solomo.delivery.webhook.secret=short-Secret-9");

        assertThat(output).contains(FAILED);
        assertThat(output).contains("The setting 'solomo.delivery.webhook.secret' has 14 characters");
        assertThat(output).doesNotContain("short-Secret-9");
    }

    @Test
    void negativeRetentionPeriodIsRejected(CapturedOutput output) {
        startDemoFails("negative-retention", "--solomo.retention.location-fixes=-P1M");

        assertThat(output).contains(FAILED);
        assertThat(output).contains("solomo.retention.location-fixes must be a positive period such as P3M or P1Y, "
                + "or empty to turn the rule off, got P-1M");
    }

    @Test
    void unreadableRetentionPeriodNamesSetting(CapturedOutput output) {
        startDemoFails("unreadable-retention", "--solomo.retention.decision-context=1 year");

        assertThat(output).contains(FAILED);
        assertThat(output).contains("Failed to bind properties under 'solomo.retention.decision-context'");
        assertThat(output).contains("Value: \"1 year\"");
        assertThat(output).contains("'1 year' is not a valid period");
    }

    @Test
    void kafkaBrokerWithoutPortIsRejected(CapturedOutput output) {
        startDemoFails("kafka-no-port", "--solomo.kafka.bootstrap-servers=127.0.0.1:9092,broker-2");

        assertThat(output).contains(FAILED);
        assertThat(output).contains("solomo.kafka.bootstrap-servers must list host:port addresses with a port from "
                + "1 to 65535, separated by commas; 'broker-2' is not one");
    }

    @Test
    void invalidKafkaTopicIsRejected(CapturedOutput output) {
        startDemoFails("kafka-bad-topic", "--solomo.kafka.bootstrap-servers=127.0.0.1:9",
                "--solomo.kafka.topics.decisions=offers chosen");

        assertThat(output).contains(FAILED);
        assertThat(output).contains("solomo.kafka.topics.decisions must be a Kafka topic name of 1 to 249 letters, "
                + "digits, dots, underscores or hyphens, got 'offers chosen'");
    }

    @Test
    void sameKafkaTopicTwiceIsRejected(CapturedOutput output) {
        startDemoFails("kafka-same-topic", "--solomo.kafka.bootstrap-servers=127.0.0.1:9",
                "--solomo.kafka.topics.dead-letter=solomo.interactions");

        assertThat(output).contains(FAILED);
        assertThat(output).contains("must name four different topics");
    }

    private static void startDemoFails(String database, String... settings) {
        List<String> arguments = new ArrayList<>(List.of("--server.address=127.0.0.1", "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1"));
        arguments.addAll(List.of(settings));

        SpringApplicationBuilder server = new SpringApplicationBuilder(SolomoApplication.class).profiles("demo");
        assertThatThrownBy(() -> server.run(arguments.toArray(String[]::new))).isNotNull();
    }
}
