package io.solomo.decision.delivery;

import io.solomo.decision.support.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the packaged jar with SIGKILL while its dispatcher sends a few hundred push deliveries to a slow FCM
 * stand-in, starts the jar again on the same H2 file database, and checks what the provider received.
 *
 * <p>The guarantee is at-least-once with a stable idempotency key, not exactly-once. A request that the
 * provider received before the kill, but whose row was not yet marked {@code SENT}, is sent again once the killed
 * node's claim lease runs out, because nothing on the server can tell whether the provider received it. The second
 * request carries the same JSON message as the first: the same delivery id in {@code message.data.deliveryId}, as
 * {@code message.android.collapse_key} and as {@code message.apns.headers.apns-collapse-id}. FCM HTTP v1 has no
 * request idempotency key, so the collapse key is what makes the device replace the first notification instead of
 * showing a second one, and the app can drop a repeated {@code deliveryId}. Every delivery that was first sent after
 * the kill reaches the provider exactly once.
 *
 * <p>Runs in Maven's integration-test phase, after the jar is built.
 */
class OutboxKillJarTests {

    private static final Path JAR = Path.of("target", "solomo-decision-service-exec.jar");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int DELIVERIES = 300;
    private static final int BATCH_SIZE = 40;
    private static final int RECEIVED_BEFORE_KILL = 80;

    @TempDir
    Path folder;

    private final LoopbackProvider fcm = LoopbackProvider.start();
    private final Map<String, List<String>> bodiesByDelivery = new ConcurrentHashMap<>();
    private final Set<String> receivedBeforeKill = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch killDone = new CountDownLatch(1);
    private volatile boolean killed;
    private Process server;

    @AfterEach
    void stop() throws InterruptedException {
        killDone.countDown();
        if (server != null && server.isAlive()) {
            server.destroy();
            server.waitFor();
        }
        fcm.close();
    }

    @Test
    void killMidDispatchResendsOnlyInFlight() throws Exception {
        assertThat(JAR).as("the packaged jar; run `mvn verify`, which builds it first").exists();
        fcm.respond(request -> {
            String deliveryId = JSON.readTree(request.body()).get("message").get("data").get("deliveryId").asString();
            bodiesByDelivery.computeIfAbsent(deliveryId, id -> new CopyOnWriteArrayList<>()).add(request.body());
            if (!killed) {
                receivedBeforeKill.add(deliveryId);
                if (requests.incrementAndGet() >= RECEIVED_BEFORE_KILL) {
                    awaitKill();
                }
            }
            pause(Duration.ofMillis(50));
            return LoopbackProvider.Reply.ok("{\"name\": \"projects/kill/messages/" + deliveryId + "\"}");
        });
        // H2 writes a commit to its file up to WRITE_DELAY (500 ms by default) later, so a SIGKILL can undo the last
        // SENT marks and their deliveries are sent again. WRITE_DELAY=0 keeps every commit, as PostgreSQL does.
        String database = "jdbc:h2:file:" + folder.resolve("solomo").toAbsolutePath()
                + ";AUTO_SERVER=FALSE;WRITE_DELAY=0";
        int port = freePort();
        server = start(database, port, "migrate");
        ApiClient.on(port).as("app", "demo").put("/api/v1/customers/demo-alice/devices/kill-phone",
                "{\"platform\": \"FCM\", \"token\": \"fcm-token-kill\"}");
        stopGracefully();
        List<String> deliveryIds = queuePushDeliveries(database);

        server = start(database, port, "dispatch");
        awaitTrue(() -> requests.get() >= RECEIVED_BEFORE_KILL, "the stand-in to receive "
                + RECEIVED_BEFORE_KILL + " requests before the kill");
        server.destroyForcibly();
        server.waitFor();
        killed = true;
        killDone.countDown();
        int distinctBeforeKill = receivedBeforeKill.size();
        server = start(database, port, "restart");
        ApiClient client = ApiClient.on(port).as("app", "demo");
        awaitTrue(() -> sentCount(client, deliveryIds) == DELIVERIES, "every delivery to be SENT after the restart");

        assertThat(distinctBeforeKill).as("deliveries received before the kill").isLessThan(DELIVERIES);
        assertThat(bodiesByDelivery.keySet()).containsExactlyInAnyOrderElementsOf(deliveryIds);
        List<String> resent = new ArrayList<>();
        bodiesByDelivery.forEach((deliveryId, bodies) -> {
            if (bodies.size() > 1) {
                resent.add(deliveryId);
            }
        });
        assertThat(receivedBeforeKill).as("deliveries sent twice were in flight at the kill").containsAll(resent);
        assertThat(resent.size()).as("deliveries sent twice, at most one claimed batch").isLessThanOrEqualTo(BATCH_SIZE);
        for (String deliveryId : resent) {
            List<String> bodies = bodiesByDelivery.get(deliveryId);
            assertThat(bodies).as("requests for delivery %s", deliveryId).hasSize(2);
            JsonNode message = JSON.readTree(bodies.get(1)).get("message");
            assertThat(message).as("the repeated request for delivery %s", deliveryId)
                    .isEqualTo(JSON.readTree(bodies.get(0)).get("message"));
            assertThat(message.get("android").get("collapse_key").asString()).isEqualTo(deliveryId);
            assertThat(message.get("apns").get("headers").get("apns-collapse-id").asString()).isEqualTo(deliveryId);
        }
    }

    private Process start(String database, int port, String run) throws Exception {
        Path log = Files.createDirectories(Path.of("target", "outbox-kill")).resolve(run + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Dfile.encoding=UTF-8", "-jar", JAR.toString(), "--spring.profiles.active=demo",
                "--server.address=127.0.0.1", "--server.port=" + port,
                "--spring.datasource.url=" + database,
                "--solomo.delivery.push.fcm.url=" + fcm.url(),
                "--solomo.delivery.push.fcm.project-id=kill",
                "--solomo.delivery.push.fcm.access-token=kill-token",
                "--solomo.delivery.concurrency=8",
                "--solomo.delivery.batch-size=" + BATCH_SIZE,
                "--solomo.delivery.poll-interval-ms=50",
                "--solomo.delivery.start-delay-ms=0",
                "--solomo.delivery.claim-lease=PT5S")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        awaitHealthy(process, port, log);
        return process;
    }

    private void stopGracefully() throws InterruptedException {
        server.destroy();
        server.waitFor();
    }

    /** Inserts queued push deliveries for demo-alice straight into the database, while no server has it open. */
    private static List<String> queuePushDeliveries(String database) throws SQLException {
        List<String> deliveryIds = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(database, "sa", "");
             PreparedStatement insert = connection.prepareStatement("""
                     insert into delivery (delivery_id, decision_id, customer_id, offer_id, store_id, channel,
                         status, title, message, language, coupon_code, attempts, created_at)
                     values (?, ?, 'demo-alice', 'STORE-WELCOME-10', 'demo-bastille', 'PUSH', 'QUEUED',
                         '-10 %', 'Demo Marché Bastille : -10 % sur vos achats aujourd''hui.', 'fr',
                         'KILL0-TESTC-OUPN', 0, current_timestamp)""")) {
            for (int i = 0; i < DELIVERIES; i++) {
                String deliveryId = UUID.randomUUID().toString();
                insert.setString(1, deliveryId);
                insert.setString(2, UUID.randomUUID().toString());
                insert.addBatch();
                deliveryIds.add(deliveryId);
            }
            insert.executeBatch();
        }
        return deliveryIds;
    }

    private static long sentCount(ApiClient client, List<String> deliveryIds) {
        Set<String> expected = new HashSet<>(deliveryIds);
        long sent = 0;
        for (JsonNode delivery : client.get("/api/v1/customers/demo-alice/deliveries").json()) {
            if (expected.contains(delivery.get("deliveryId").asString())
                    && "SENT".equals(delivery.get("status").asString())) {
                sent++;
            }
        }
        return sent;
    }

    private static void awaitHealthy(Process process, int port, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the jar exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                if (ApiClient.on(port).get("/actuator/health").status() == 200) {
                    return;
                }
            } catch (RuntimeException notYetListening) {
                // The server is still starting.
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the jar did not become healthy within 180 s:\n" + Files.readString(log));
    }

    private static void awaitTrue(BooleanSupplier condition, String awaited) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after 120 s waiting for " + awaited);
            }
            Thread.sleep(20);
        }
    }

    /** Holds a request until the server is dead, so that the kill finds the dispatcher waiting on the provider. */
    private void awaitKill() {
        try {
            killDone.await(180, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
