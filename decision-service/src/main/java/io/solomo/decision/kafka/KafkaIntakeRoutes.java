package io.solomo.decision.kafka;

import io.solomo.decision.kafka.KafkaRecordIntake.Rejection;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Consumes the topics of interactions and of location fixes, one record at a time, and hands each record to the
 * same intake as the HTTP API. Delivery is at least once:
 * <ul>
 *   <li>The offsets are committed only after the records before them were stored, or rejected and copied to the
 *   dead-letter topic. A record read again after a crash or a rebalance is a duplicate of its event id, which the
 *   intake skips.</li>
 *   <li>A rejected record goes to the dead-letter topic with the reason in its headers, and the route goes on.</li>
 *   <li>Any other failure, such as the database being down, is logged, and after {@link #RETRY_DELAY} the consumer
 *   seeks back to the record and polls it again, so the record is neither committed nor lost.</li>
 * </ul>
 *
 * <p>NOTE: a record that fails every time for a reason other than a rejection, such as a bug, stops its partition
 * until the cause is fixed, because skipping it would lose it.
 */
class KafkaIntakeRoutes extends RouteBuilder {

    /** Headers of a dead-letter record, beside the original key and value. */
    static final String REASON_HEADER = "solomo-rejection-reason";
    static final String FIELD_HEADER = "solomo-rejection-field";
    static final String VALUE_HEADER = "solomo-rejection-value";
    static final String SOURCE_TOPIC_HEADER = "solomo-source-topic";
    static final String SOURCE_PARTITION_HEADER = "solomo-source-partition";
    static final String SOURCE_OFFSET_HEADER = "solomo-source-offset";

    /** The pause before a record that failed is read again, so a database outage does not spin the consumer. */
    static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(KafkaIntakeRoutes.class);

    private final KafkaSettings settings;
    private final KafkaRecordIntake intake;
    private ProducerTemplate producer;

    KafkaIntakeRoutes(KafkaSettings settings, KafkaRecordIntake intake) {
        this.settings = settings;
        this.intake = intake;
    }

    @Override
    public void configure() {
        producer = getContext().createProducerTemplate();
        // The failure stays on the exchange, so that breakOnFirstError seeks back to the record. consume() waits
        // before each attempt is given up, in place of Camel's redelivery, so every attempt logs one warning.
        errorHandler(noErrorHandler());

        from(consumerUri(settings.topics().interactions()))
                .routeId("kafka-interactions")
                .process(exchange -> consume(exchange, intake::interaction));

        from(consumerUri(settings.topics().locationEvents()))
                .routeId("kafka-location-events")
                .process(exchange -> consume(exchange, intake::locationFix));
    }

    /**
     * Returns the URI of a consumer that commits only by hand and, on a failure, seeks back to the failed record. A
     * group without committed offsets starts at the earliest record, so that no event sent before the first start is
     * skipped.
     */
    private String consumerUri(String topic) {
        return KafkaUris.topic(settings, topic, "&groupId=" + settings.groupId()
                + "&autoOffsetReset=earliest"
                + "&autoCommitEnable=false"
                + "&allowManualCommit=true"
                + "&kafkaManualCommitFactory=#class:"
                + "org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommitFactory"
                + "&breakOnFirstError=true");
    }

    private void consume(Exchange exchange, Function<String, Optional<Rejection>> handler)
            throws InterruptedException {
        Message message = exchange.getMessage();
        try {
            Optional<Rejection> rejection = handler.apply(message.getBody(String.class));
            rejection.ifPresent(rejected -> deadLetter(message, rejected));
        } catch (RuntimeException failure) {
            log.warn("Kafka record {}-{}@{} not stored, reading it again in {} ms: {}",
                    message.getHeader(KafkaConstants.TOPIC), message.getHeader(KafkaConstants.PARTITION),
                    message.getHeader(KafkaConstants.OFFSET), RETRY_DELAY.toMillis(), failure.toString());
            Thread.sleep(RETRY_DELAY.toMillis());
            throw failure;
        }
        // The records of a partition are handled in order, so committing after the last one of a poll covers the
        // ones before it.
        if (Boolean.TRUE.equals(message.getHeader(KafkaConstants.LAST_RECORD_BEFORE_COMMIT, Boolean.class))) {
            message.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class).commit();
        }
    }

    /** Copies a rejected record to the dead-letter topic, and waits until the broker has it. */
    private void deadLetter(Message message, Rejection rejection) {
        String topic = message.getHeader(KafkaConstants.TOPIC, String.class);
        Integer partition = message.getHeader(KafkaConstants.PARTITION, Integer.class);
        Long offset = message.getHeader(KafkaConstants.OFFSET, Long.class);
        log.warn("Kafka record {}-{}@{} rejected, copied to {}: {}", topic, partition, offset,
                settings.topics().deadLetter(), rejection.reason());

        Exchange sent = producer.send(KafkaUris.topic(settings, settings.topics().deadLetter(), ""), copy -> {
            Message out = copy.getMessage();
            out.setBody(message.getBody(String.class));
            Object key = message.getHeader(KafkaConstants.KEY);
            if (key != null) {
                out.setHeader(KafkaConstants.KEY, key);
            }
            out.setHeader(REASON_HEADER, rejection.reason());
            if (rejection.field() != null) {
                out.setHeader(FIELD_HEADER, rejection.field());
            }
            if (rejection.value() != null) {
                out.setHeader(VALUE_HEADER, String.valueOf(rejection.value()));
            }
            out.setHeader(SOURCE_TOPIC_HEADER, topic);
            out.setHeader(SOURCE_PARTITION_HEADER, String.valueOf(partition));
            out.setHeader(SOURCE_OFFSET_HEADER, String.valueOf(offset));
        });
        if (sent.getException() != null) {
            // Not committed, so the record is read and rejected again once the dead-letter topic takes it.
            throw new IllegalStateException("copying Kafka record " + topic + "-" + partition + "@" + offset
                    + " to the dead-letter topic " + settings.topics().deadLetter() + " failed", sent.getException());
        }
    }
}
