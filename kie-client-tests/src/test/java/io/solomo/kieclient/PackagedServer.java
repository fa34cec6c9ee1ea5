package io.solomo.kieclient;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The server's packaged jar ({@code decision-service/target/solomo-decision-service-exec.jar}) started with
 * {@code java -jar} on a free loopback port, with the demo users and an in-memory database.
 */
final class PackagedServer implements AutoCloseable {

    static final Path JAR = Path.of("..", "decision-service", "target", "solomo-decision-service-exec.jar");

    private final Process process;
    private final Path log;
    private final int port;

    private PackagedServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the jar with the given extra arguments and waits until it reports itself ready for traffic. The
     * database is in memory unless the arguments set {@code --spring.datasource.url}.
     */
    static PackagedServer start(String... arguments) throws Exception {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing; run `mvn verify` from the "
                    + "repository root, which packages decision-service before this module");
        }
        int port = freePort();
        Path log = Files.createTempFile("solomo-kie-client", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-jar", JAR.toString(), "--spring.profiles.active=demo", "--server.port=" + port,
                "--server.address=127.0.0.1"));
        if (Arrays.stream(arguments).noneMatch(argument -> argument.startsWith("--spring.datasource.url="))) {
            command.add("--spring.datasource.url=jdbc:h2:mem:kie-client;DB_CLOSE_DELAY=-1");
        }
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PackagedServer server = new PackagedServer(process, log, port);
        server.awaitHealthy();
        return server;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    private void awaitHealthy() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness")).build();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the jar exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // The server is still starting.
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException("the jar did not become healthy within 120 s:\n" + log());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
