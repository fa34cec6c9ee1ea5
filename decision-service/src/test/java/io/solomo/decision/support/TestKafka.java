package io.solomo.decision.support;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * One Kafka KRaft broker in the JVM, listening on 127.0.0.1 only, started by the first test that needs it and shared
 * by every later one, with plain clients to produce and read records.
 */
public final class TestKafka {

    private static EmbeddedKafkaKraftBroker broker;

    private TestKafka() {
    }

    /** Returns the broker's {@code host:port}, starting the broker on the first call. */
    public static synchronized String bootstrapServers() {
        if (broker == null) {
            EmbeddedKafkaKraftBroker started = new EmbeddedKafkaKraftBroker(1, 1);
            // The test kit's default listeners bind to "localhost"; the tests keep every socket on 127.0.0.1.
            started.brokerProperty("listeners", "EXTERNAL://127.0.0.1:0,CONTROLLER://127.0.0.1:0");
            started.afterPropertiesSet();
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "embedded-kafka-stop"));
            broker = started;
        }
        // The kit names the listener "localhost"; clients get the address it binds, so they never try another one.
        return broker.getBrokersAsString().replace("localhost", "127.0.0.1");
    }

    /** Sends one record, waits until the broker has it, and returns its offset. */
    public static long send(String topic, String key, String value) {
        Map<String, Object> settings = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings)) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS).offset();
        } catch (InterruptedException | ExecutionException | TimeoutException failure) {
            throw new IllegalStateException("sending a record to " + topic + " failed", failure);
        }
    }

    /** Returns the offset that the group committed on the topic's single partition, or -1 when it committed none. */
    public static long committedOffset(String groupId, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS).get(new TopicPartition(topic, 0));
            return committed == null ? -1 : committed.offset();
        } catch (InterruptedException | ExecutionException | TimeoutException failure) {
            throw new IllegalStateException("reading the offsets of group " + groupId + " failed", failure);
        }
    }

    /**
     * Reads the topic's single partition from the start until a record matches, or returns empty after the timeout.
     */
    public static Optional<ConsumerRecord<String, String>> find(String topic,
                                                                Predicate<ConsumerRecord<String, String>> matches,
                                                                Duration timeout) {
        Map<String, Object> settings = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (matches.test(record)) {
                        return Optional.of(record);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
