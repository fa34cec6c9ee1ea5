package io.solomo.benchmarks.delivery;

import com.sun.management.OperatingSystemMXBean;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;

/**
 * Measures the HTTP round trips alone that {@link OutboxDispatchLoad} makes, without the server. The JDK HTTP client
 * posts FCM-sized JSON bodies, preferring HTTP/2 as the server's client does. The stand-in is the same kind of JDK
 * HTTP server on loopback with 8 handler threads, and at most 128 requests wait at once, as with the server's default
 * {@code solomo.delivery.max-in-flight}. The rate it prints is a ceiling for the dispatch benchmark on the same
 * machine and load, and the CPU per request is the part of the dispatch's CPU per delivery that the server's own
 * code cannot remove.
 *
 * <p>Arguments: requests per round (default 20000) and rounds (default 4), all in one JVM. The first rounds run
 * while the JIT compiler is still compiling the client and server code.
 */
public final class LoopbackHttpCeiling {

    private static final int MAX_IN_FLIGHT = 128;
    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private LoopbackHttpCeiling() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        HttpServer standIn = startStandIn();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        URI uri = URI.create("http://127.0.0.1:" + standIn.getAddress().getPort() + "/v1/projects/load/messages:send");
        try {
            for (int round = 1; round <= rounds; round++) {
                long cpuBefore = PROCESS.getProcessCpuTime();
                double loadBefore = PROCESS.getSystemLoadAverage();
                long start = System.nanoTime();
                sendAll(client, uri, requests);
                double seconds = (System.nanoTime() - start) / 1e9;
                long cpu = PROCESS.getProcessCpuTime() - cpuBefore;
                System.out.printf("round %d of %d: %d requests in %.2f s, %.0f requests/s, %.0f µs of CPU per request "
                                + "(client and stand-in together); load average %.1f at the start, %.1f at the end%n",
                        round, rounds, requests, seconds, requests / seconds, cpu / 1e3 / requests, loadBefore,
                        PROCESS.getSystemLoadAverage());
            }
        } finally {
            standIn.stop(0);
            ((ExecutorService) standIn.getExecutor()).shutdownNow();
        }
    }

    private static void sendAll(HttpClient client, URI uri, int requests) throws InterruptedException {
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        CountDownLatch answered = new CountDownLatch(requests);
        for (int i = 0; i < requests; i++) {
            inFlight.acquire();
            client.sendAsync(HttpRequest.newBuilder(uri)
                            .header("Authorization", "Bearer load")
                            .header("Content-Type", "application/json; charset=UTF-8")
                            .POST(HttpRequest.BodyPublishers.ofString(fcmBody(), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                    .whenComplete((response, failure) -> {
                        inFlight.release();
                        answered.countDown();
                    });
        }
        answered.await();
    }

    /** Returns a body of the size and shape of the server's FCM HTTP v1 requests in the dispatch benchmark. */
    private static String fcmBody() {
        String deliveryId = UUID.randomUUID().toString();
        return "{\"message\":{\"token\":\"load-token\",\"notification\":{\"title\":\"-10 % aujourd'hui\","
                + "\"body\":\"Demo Marché Bastille : -10 % sur vos achats aujourd'hui.\"},\"data\":{\"deliveryId\":\""
                + deliveryId + "\",\"offerId\":\"STORE-WELCOME-10\",\"couponCode\":\"ABCDE-FGHJK-MNPQ\","
                + "\"storeId\":\"demo-bastille\"},\"android\":{\"collapse_key\":\"" + deliveryId + "\"},"
                + "\"apns\":{\"headers\":{\"apns-collapse-id\":\"" + deliveryId + "\"}}}}";
    }

    private static HttpServer startStandIn() throws IOException {
        return FcmStandIn.start(body -> UUID.randomUUID().toString());
    }
}
