package io.solomo.decision.delivery;

import io.solomo.decision.SolomoApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stops the server while its dispatcher waits on the push provider, then starts it again on the same database.
 * Every queued delivery must reach the provider. The only messages the provider may receive twice are those in
 * flight at the stop, and they are re-sent with the same delivery id as idempotency key.
 *
 * <p>The stop closes the Spring context (Camel's shutdown gives in-flight exchanges one second) rather than
 * killing the process; rows that were claimed but not finished are recovered the same way in both cases, when
 * their claim lease runs out.
 */
class OutboxRestartIntegrationTests {

    private static final int DELIVERIES = 40;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LoopbackProvider fcm = LoopbackProvider.start();
    private final Map<String, AtomicInteger> requestsPerDelivery = new ConcurrentHashMap<>();
    private final Set<String> inFlightAtStop = ConcurrentHashMap.newKeySet();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean blocking = true;

    @AfterEach
    void stopProvider() {
        release.countDown();
        fcm.close();
    }

    @Test
    void stopMidDispatchLosesNothing() throws Exception {
        fcm.respond(request -> {
            String deliveryId = JSON.readTree(request.body()).get("message").get("data").get("deliveryId").asString();
            requestsPerDelivery.computeIfAbsent(deliveryId, id -> new AtomicInteger()).incrementAndGet();
            if (blocking) {
                inFlightAtStop.add(deliveryId);
                awaitRelease();
            }
            return LoopbackProvider.Reply.ok("{\"name\": \"projects/p/messages/" + deliveryId + "\"}");
        });
        String database = "outbox-restart-" + UUID.randomUUID();

        ConfigurableApplicationContext first = start(database);
        JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
        jdbc.update("insert into device_token (installation_id, customer_id, platform, token, updated_at) "
                + "values ('alice-phone', 'demo-alice', 'FCM', 'fcm-token-alice', current_timestamp)");
        for (int i = 0; i < DELIVERIES; i++) {
            jdbc.update("""
                    insert into delivery (delivery_id, decision_id, customer_id, offer_id, channel, status, title,
                        message, language, coupon_code, attempts, created_at)
                    values (?, ?, 'demo-alice', 'STORE-WELCOME-10', 'PUSH', 'QUEUED', 'title', 'body', 'fr',
                        'TEST0-COUPO-N000', 0, current_timestamp)""",
                    UUID.randomUUID().toString(), UUID.randomUUID().toString());
        }
        awaitTrue(() -> inFlightAtStop.size() >= 2, "the provider to hold requests in flight");
        first.close();
        blocking = false;
        release.countDown();

        ConfigurableApplicationContext second = start(database);
        try {
            JdbcTemplate restarted = second.getBean(JdbcTemplate.class);
            awaitTrue(() -> restarted.queryForObject("select count(*) from delivery where status = 'SENT'",
                    Integer.class) == DELIVERIES, "every delivery to be sent after the restart");

            assertThat(requestsPerDelivery).hasSize(DELIVERIES);
            requestsPerDelivery.forEach((deliveryId, requests) -> {
                if (!inFlightAtStop.contains(deliveryId)) {
                    assertThat(requests.get()).as("requests for delivery %s", deliveryId).isEqualTo(1);
                }
            });
            assertThat(restarted.queryForObject("select count(*) from delivery where status <> 'SENT'",
                    Integer.class)).isZero();
            assertThat(restarted.queryForObject("select count(distinct provider_message_id) from delivery",
                    Integer.class)).isEqualTo(DELIVERIES);
        } finally {
            second.close();
        }
    }

    private ConfigurableApplicationContext start(String database) {
        return new SpringApplicationBuilder(SolomoApplication.class).profiles("demo").run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1",
                "--server.shutdown=immediate",
                "--camel.main.shutdown-timeout=1",
                "--solomo.delivery.push.fcm.url=" + fcm.url(),
                "--solomo.delivery.push.fcm.project-id=p",
                "--solomo.delivery.push.fcm.access-token=t",
                "--solomo.delivery.concurrency=4",
                "--solomo.delivery.batch-size=8",
                "--solomo.delivery.poll-interval-ms=50",
                "--solomo.delivery.start-delay-ms=0",
                "--solomo.delivery.claim-lease=PT3S",
                "--solomo.delivery.retry.initial-backoff=PT0.5S");
    }

    private void awaitRelease() {
        try {
            release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String awaited)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after 60 s waiting for " + awaited);
            }
            Thread.sleep(50);
        }
    }
}
