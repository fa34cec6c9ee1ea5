package io.solomo.decision.kafka;

import io.solomo.decision.profile.ConsentPurpose;
import io.solomo.decision.profile.ConsentStatus;
import io.solomo.decision.profile.Customer;
import io.solomo.decision.profile.InteractionIntake;
import io.solomo.decision.profile.CustomerRepository;
import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import io.solomo.decision.support.TestKafka;
import io.solomo.model.Language;
import io.solomo.model.LoyaltyTier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

/**
 * The Kafka streams against a KRaft broker in the JVM. Inbound records go through the same intake as the API and are
 * stored once however often they are read. Rejected records reach the dead-letter topic with the reason, and stored
 * decisions are published.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "spring.datasource.url=jdbc:h2:mem:solomo-kafka;DB_CLOSE_DELAY=-1",
        "solomo.public-base-url=http://127.0.0.1:8080"
})
@ActiveProfiles("demo")
class KafkaStreamsIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CustomerRepository customers;

    @MockitoSpyBean
    InteractionIntake interactionIntake;

    /**
     * A group of its own per test JVM, so that offsets left by an earlier run never skip this run's records. It is
     * drawn once, because the property source calls its supplier at every read.
     */
    private static final String GROUP_ID = "solomo-test-" + UUID.randomUUID();

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("solomo.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("solomo.kafka.group-id", () -> GROUP_ID);
    }

    @Test
    void interactionReplayStoredOnce() {
        String eventId = "kafka-scan-" + run;
        String record = interaction(eventId, "QR_SCANNED", "demo-alice");

        TestKafka.send("solomo.interactions", "demo-alice", record);
        TestKafka.send("solomo.interactions", "demo-alice", record);
        // A later record of the same partition is handled after both copies.
        String marker = "kafka-marker-" + run;
        TestKafka.send("solomo.interactions", "demo-alice", interaction(marker, "QR_SCANNED", "demo-alice"));

        assertThat(waitFor(() -> interactions(marker) == 1)).isTrue();
        assertThat(interactions(eventId)).isEqualTo(1);
    }

    @Test
    void databaseFailureLeavesRecordUncommitted() {
        String eventId = "kafka-db-down-" + run;
        AtomicInteger failures = new AtomicInteger();
        // The first four attempts fail as they would with the database down; each is followed by a seek back.
        doAnswer(call -> {
            JsonNode node = call.getArgument(0);
            if (eventId.equals(node.get("eventId").asString()) && failures.getAndIncrement() < 4) {
                throw new CannotGetJdbcConnectionException("database down in a test");
            }
            return call.callRealMethod();
        }).when(interactionIntake).accept(any(), any());
        String record = interaction(eventId, "QR_SCANNED", "demo-alice");

        long offset = TestKafka.send("solomo.interactions", "demo-alice", record);

        assertThat(waitFor(() -> failures.get() >= 3)).isTrue();
        assertThat(TestKafka.committedOffset(GROUP_ID, "solomo.interactions")).isLessThanOrEqualTo(offset);
        assertThat(interactions(eventId)).isZero();
        assertThat(waitFor(() -> interactions(eventId) == 1)).isTrue();
        assertThat(failures.get()).isGreaterThanOrEqualTo(5);
        assertThat(waitFor(() -> TestKafka.committedOffset(GROUP_ID, "solomo.interactions") > offset)).isTrue();
        assertThat(TestKafka.find("solomo.dead-letter", candidate -> record.equals(candidate.value()),
                Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void invalidInteractionGoesToDeadLetter() {
        String eventId = "kafka-invalid-" + run;
        String record = interaction(eventId, "TELEPATHY", "demo-alice");

        TestKafka.send("solomo.interactions", "demo-alice", record);
        String after = "kafka-after-invalid-" + run;
        TestKafka.send("solomo.interactions", "demo-alice", interaction(after, "QR_SCANNED", "demo-alice"));

        Optional<ConsumerRecord<String, String>> dead = TestKafka.find("solomo.dead-letter",
                candidate -> record.equals(candidate.value()), WAIT);
        assertThat(dead).isPresent();
        assertThat(header(dead.get(), KafkaIntakeRoutes.FIELD_HEADER)).isEqualTo("type");
        assertThat(header(dead.get(), KafkaIntakeRoutes.VALUE_HEADER)).isEqualTo("TELEPATHY");
        assertThat(header(dead.get(), KafkaIntakeRoutes.REASON_HEADER)).contains("unknown type 'TELEPATHY'");
        assertThat(header(dead.get(), KafkaIntakeRoutes.SOURCE_TOPIC_HEADER)).isEqualTo("solomo.interactions");
        assertThat(dead.get().key()).isEqualTo("demo-alice");
        // The route goes on after a rejected record.
        assertThat(waitFor(() -> interactions(after) == 1)).isTrue();
        assertThat(interactions(eventId)).isZero();
    }

    @Test
    void malformedJsonGoesToDeadLetter() {
        String record = "{\"eventId\": \"kafka-broken-" + run + "\", ";

        TestKafka.send("solomo.interactions", null, record);

        Optional<ConsumerRecord<String, String>> dead = TestKafka.find("solomo.dead-letter",
                candidate -> record.equals(candidate.value()), WAIT);
        assertThat(dead).isPresent();
        assertThat(header(dead.get(), KafkaIntakeRoutes.REASON_HEADER)).startsWith("the record is not valid JSON");
        assertThat(header(dead.get(), KafkaIntakeRoutes.FIELD_HEADER)).isNull();
    }

    @Test
    void locationFixReplayStoredOnce() {
        String customerId = customer(true);
        String eventId = "kafka-fix-" + run;
        String record = fix(eventId, customerId);

        TestKafka.send("solomo.location-events", customerId, record);
        TestKafka.send("solomo.location-events", customerId, record);
        String marker = "kafka-fix-marker-" + run;
        TestKafka.send("solomo.location-events", customerId, fix(marker, customerId));

        assertThat(waitFor(() -> fixes(marker) == 1)).isTrue();
        assertThat(fixes(eventId)).isEqualTo(1);
    }

    @Test
    void fixWithoutConsentGoesToDeadLetter() {
        String customerId = customer(false);
        String eventId = "kafka-no-consent-" + run;
        String record = fix(eventId, customerId);

        TestKafka.send("solomo.location-events", customerId, record);

        Optional<ConsumerRecord<String, String>> dead = TestKafka.find("solomo.dead-letter",
                candidate -> record.equals(candidate.value()), WAIT);
        assertThat(dead).isPresent();
        assertThat(header(dead.get(), KafkaIntakeRoutes.FIELD_HEADER)).isEqualTo("customerId");
        assertThat(header(dead.get(), KafkaIntakeRoutes.VALUE_HEADER)).isEqualTo(customerId);
        assertThat(header(dead.get(), KafkaIntakeRoutes.REASON_HEADER)).contains("PRECISE_LOCATION");
        assertThat(header(dead.get(), KafkaIntakeRoutes.SOURCE_TOPIC_HEADER)).isEqualTo("solomo.location-events");
        assertThat(fixes(eventId)).isZero();
    }

    @Test
    void storedDecisionIsPublished() {
        ApiClient.Response response = ApiClient.on(port).as("app", DemoServer.PASSWORD).post("/api/v1/decisions", """
                {"customerId": "demo-alice", "channel": "PUSH", "latitude": 48.85, "longitude": 2.35,
                 "at": "2026-12-04T09:15:00Z", "maxOffers": 2}""");
        assertThat(response.status()).isEqualTo(200);
        String decisionId = response.json().get("decisionId").asString();

        Optional<ConsumerRecord<String, String>> published = TestKafka.find("solomo.decisions",
                candidate -> candidate.value().contains(decisionId), WAIT);
        assertThat(published).isPresent();
        assertThat(published.get().key()).isEqualTo("demo-alice");
        JsonNode decision = JSON.readTree(published.get().value());
        assertThat(decision.get("decisionId").asString()).isEqualTo(decisionId);
        assertThat(decision.get("customerId").asString()).isEqualTo("demo-alice");
        assertThat(decision.get("channel").asString()).isEqualTo("PUSH");
        assertThat(decision.get("holdout").isBoolean()).isTrue();
        assertThat(decision.get("decidedAt").asString()).isNotBlank();
        assertThat(decision.get("offerIds").size()).isEqualTo(response.json().get("offers").size());
        for (int i = 0; i < decision.get("offerIds").size(); i++) {
            assertThat(decision.get("offerIds").get(i).asString())
                    .isEqualTo(response.json().get("offers").get(i).get("offerId").asString());
        }
    }

    private static String interaction(String eventId, String type, String customerId) {
        return """
                {"eventId": "%s", "type": "%s", "occurredAt": "2026-12-04T09:00:00Z", "customerId": "%s",
                 "attributes": {"storeId": "demo-bastille"}}""".formatted(eventId, type, customerId);
    }

    private static String fix(String eventId, String customerId) {
        return """
                {"eventId": "%s", "customerId": "%s", "deviceId": "phone-%s", "latitude": 45.76, "longitude": 4.83}"""
                .formatted(eventId, customerId, customerId);
    }

    /** Creates a customer who granted the use of the precise location, or who never did. */
    private String customer(boolean locationConsent) {
        String customerId = "kafka-" + UUID.randomUUID();
        Customer customer = new Customer(customerId, null, LoyaltyTier.BRONZE, Language.FR, ZoneId.of("Europe/Paris"),
                Instant.parse("2026-01-01T00:00:00Z"));
        if (locationConsent) {
            customer.recordConsent(ConsentPurpose.PRECISE_LOCATION, null, ConsentStatus.GRANTED, "test",
                    Instant.parse("2026-01-01T00:00:00Z"));
        }
        customers.save(customer);
        return customerId;
    }

    private int interactions(String eventId) {
        return jdbc.queryForObject("select count(*) from interaction where event_id = ?", Integer.class, eventId);
    }

    private int fixes(String eventId) {
        return jdbc.queryForObject("select count(*) from location_event where event_id = ?", Integer.class, eventId);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static boolean waitFor(Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
