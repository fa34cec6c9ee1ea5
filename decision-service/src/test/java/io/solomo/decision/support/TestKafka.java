package io.solomo.decision.support;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
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
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * One Kafka KRaft server, broker and controller in one, in the JVM and listening on 127.0.0.1 only. The first test
 * that needs it starts it, and every later one shares it. Plain clients produce and read records.
 *
 * <p>The server is Kafka's own {@link KafkaRaftServer}. Kafka 4.1's test kit, which spring-kafka-test's embedded
 * broker uses, pre-binds its listener sockets on the wildcard address, whatever {@code listeners} contains, so the broker
 * would be reachable from other hosts.
 */
public final class TestKafka {

    private static String bootstrapServers;

    private TestKafka() {
    }

    /** Returns the broker's {@code 127.0.0.1:port}, starting the server on the first call. */
    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            try {
                bootstrapServers = start();
            } catch (IOException failure) {
                throw new UncheckedIOException("starting the Kafka server for the tests failed", failure);
            }
        }
        return bootstrapServers;
    }

    private static String start() throws IOException {
        int brokerPort = freePort();
        int controllerPort = freePort();
        Path logDirectory = Files.createTempDirectory("solomo-kafka-test");
        Properties settings = new Properties();
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", "1");
        settings.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        settings.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        settings.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        settings.put("controller.listener.names", "CONTROLLER");
        settings.put("inter.broker.listener.name", "PLAINTEXT");
        settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        settings.put("log.dirs", logDirectory.toString());
        // One broker: internal topics get one replica, and groups start without waiting for more members.
        settings.put("offsets.topic.replication.factor", "1");
        settings.put("offsets.topic.num.partitions", "1");
        settings.put("transaction.state.log.replication.factor", "1");
        settings.put("transaction.state.log.min.isr", "1");
        settings.put("group.initial.rebalance.delay.ms", "0");

        Path settingsFile = logDirectory.resolve("server.properties");
        try (Writer writer = Files.newBufferedWriter(settingsFile)) {
            settings.store(writer, "Kafka server of the tests");
        }
        ByteArrayOutputStream formatOutput = new ByteArrayOutputStream();
        int formatted = StorageTool.execute(new String[] {"format", "--cluster-id", Uuid.randomUuid().toString(),
                "--config", settingsFile.toString()}, new PrintStream(formatOutput, true, StandardCharsets.UTF_8));
        if (formatted != 0) {
            throw new IllegalStateException("formatting the Kafka log directory " + logDirectory + " failed: "
                    + formatOutput.toString(StandardCharsets.UTF_8));
        }

        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(settings), Time.SYSTEM);
        server.startup();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
            try {
                Utils.delete(logDirectory.toFile());
            } catch (IOException failure) {
                System.err.println("Deleting the Kafka log directory " + logDirectory + " failed: " + failure);
            }
        }, "kafka-test-server-stop"));
        return "127.0.0.1:" + brokerPort;
    }

    /** Returns a port free on 127.0.0.1 now; another process could still take it before the server binds it. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
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
