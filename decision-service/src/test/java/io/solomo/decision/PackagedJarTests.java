package io.solomo.decision;

import io.solomo.decision.support.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the packaged fat jar with {@code java -jar}, as a user does, and takes a decision and a location event
 * through it. Drools compiles rules at run time, which inside a fat jar depends on the class loader it is given.
 * Runs in Maven's integration-test phase, after the jar is built.
 */
class PackagedJarTests {

    private static final Path JAR = Path.of("target", "solomo-decision-service-exec.jar");

    private static Process server;
    private static int port;
    private static Path log;

    @BeforeAll
    static void startJar() throws Exception {
        assertThat(JAR).as("the packaged jar; run `mvn verify`, which builds it first").exists();
        port = freePort();
        log = Files.createTempFile("solomo-jar", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        server = new ProcessBuilder(java, "-Dfile.encoding=UTF-8", "-jar", JAR.toString(), "--spring.profiles.active=demo",
                "--server.address=127.0.0.1", "--server.port=" + port, "--spring.datasource.url=jdbc:h2:mem:packaged;DB_CLOSE_DELAY=-1")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        awaitHealthy();
    }

    @AfterAll
    static void stopJar() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor();
        }
    }

    @Test
    void jarTakesRuleChosenDecision() {
        ApiClient.Response response = ApiClient.on(port).as("app", "demo").post("/api/v1/decisions", """
                {"customerId": "demo-alice", "channel": "PUSH", "latitude": 48.85, "longitude": 2.35,
                 "at": "2026-12-04T09:15:00Z"}""");

        assertThat(response.status()).isEqualTo(200);
        JsonNode offers = response.json().get("offers");
        assertThat(offers.size()).isEqualTo(2);
        assertThat(offers.get(0).get("offerId").asString()).isEqualTo("GOLD-MORNING-COFFEE");
    }

    @Test
    void jarDeliversOfferForLocationEvent() throws InterruptedException {
        ApiClient client = ApiClient.on(port).as("app", "demo");

        client.post("/api/v1/location-events", """
                {"eventId": "jar-fix-1", "customerId": "demo-alice", "deviceId": "phone-a",
                 "latitude": 48.8532, "longitude": 2.3691}""");

        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JsonNode deliveries = client.get("/api/v1/customers/demo-alice/deliveries").json();
        while (deliveries.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            deliveries = client.get("/api/v1/customers/demo-alice/deliveries").json();
        }
        assertThat(deliveries.size()).isEqualTo(1);
        assertThat(deliveries.get(0).get("channel").asString()).isEqualTo("PUSH");
    }

    private static void awaitHealthy() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                throw new AssertionError("the jar exited with " + server.exitValue() + ":\n" + Files.readString(log));
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
