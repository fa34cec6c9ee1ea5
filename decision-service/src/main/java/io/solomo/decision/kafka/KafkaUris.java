package io.solomo.decision.kafka;

/** Builds the Camel URIs of the Kafka endpoints. */
final class KafkaUris {

    private KafkaUris() {
    }

    /**
     * Returns the URI of a topic on the configured cluster. {@code RAW()} keeps the commas and colons of the broker
     * list out of Camel's URI parsing.
     *
     * @param options further endpoint options, each starting with {@code &}
     */
    static String topic(KafkaSettings settings, String topic, String options) {
        return "kafka:" + topic + "?brokers=RAW(" + settings.bootstrapServers() + ")" + options;
    }
}
