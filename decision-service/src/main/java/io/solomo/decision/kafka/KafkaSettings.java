package io.solomo.decision.kafka;

import io.solomo.decision.SettingChecks;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import java.util.stream.Stream;

/**
 * Settings of the optional Kafka streams ({@code solomo.kafka.*}), bound only when
 * {@code solomo.kafka.bootstrap-servers} is set. The record has no {@code @ConfigurationProperties}, because the
 * application's properties scan would then bind and check it on every start.
 *
 * @param bootstrapServers the cluster's brokers as {@code host:port}, separated by commas
 * @param groupId          the consumer group shared by every decision node, so that each record is handled by one
 * @param topics           the topic names
 */
record KafkaSettings(String bootstrapServers,
                     @DefaultValue("solomo-decision-service") String groupId,
                     @DefaultValue Topics topics) {

    KafkaSettings {
        bootstrapServers = SettingChecks.hostPorts("solomo.kafka.bootstrap-servers", bootstrapServers);
        if (groupId == null || groupId.isBlank()) {
            throw new InvalidConfigurationPropertyValueException("solomo.kafka.group-id", groupId,
                    "solomo.kafka.group-id must not be empty");
        }
    }

    /**
     * @param interactions   records in the JSON of one interaction of {@code POST /api/v1/interactions}
     * @param locationEvents records in the JSON of one fix of {@code POST /api/v1/location-events}
     * @param decisions      the server publishes each stored decision here, keyed by customer id
     * @param deadLetter     the server copies each rejected inbound record here, with the reason in its headers
     */
    record Topics(@DefaultValue("solomo.interactions") String interactions,
                  @DefaultValue("solomo.location-events") String locationEvents,
                  @DefaultValue("solomo.decisions") String decisions,
                  @DefaultValue("solomo.dead-letter") String deadLetter) {

        Topics {
            SettingChecks.kafkaTopic("solomo.kafka.topics.interactions", interactions);
            SettingChecks.kafkaTopic("solomo.kafka.topics.location-events", locationEvents);
            SettingChecks.kafkaTopic("solomo.kafka.topics.decisions", decisions);
            SettingChecks.kafkaTopic("solomo.kafka.topics.dead-letter", deadLetter);
            // The server would otherwise read its own output back as input.
            if (Stream.of(interactions, locationEvents, decisions, deadLetter).distinct().count() < 4) {
                throw new InvalidConfigurationPropertyValueException("solomo.kafka.topics", interactions + ", "
                        + locationEvents + ", " + decisions + ", " + deadLetter,
                        "solomo.kafka.topics.interactions, location-events, decisions and dead-letter must name four "
                                + "different topics");
            }
        }
    }
}
