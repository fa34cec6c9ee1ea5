package io.solomo.benchmarks.delivery;

import com.sun.net.httpserver.HttpServer;
import io.solomo.decision.SolomoApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures how many deliveries per second the outbox dispatcher sends to a push endpoint on loopback: starts the
 * server (demo profile, in-memory H2) with its FCM URL pointing at a JDK HTTP server in the same JVM, queues
 * {@code N} push deliveries in one JDBC batch, and times them until every row is {@code SENT}. Then it prints
 * how many delivery ids the stand-in received and how many requests repeated one.
 *
 * <p>Arguments: number of deliveries (default 20000), dispatcher threads (default 16), then any server setting
 * such as {@code --solomo.delivery.batch-size=1000}. The stand-in replies at once, so the figure is the server's own cost: claiming rows, the consent check, building and posting the FCM
 * request, and recording the outcome.
 */
public final class OutboxDispatchLoad {

    private static final Pattern DELIVERY_ID = Pattern.compile("\"deliveryId\":\"([0-9a-f-]{36})\"");

    private OutboxDispatchLoad() {
    }

    public static void main(String[] args) throws Exception {
        int deliveries = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        HttpServer fcm = startFcm(received);
        List<String> settings = new ArrayList<>(List.of("--server.port=0",
                        "--spring.datasource.url=jdbc:h2:mem:outbox-load;DB_CLOSE_DELAY=-1",
                        "--logging.level.io.solomo.decision.delivery=WARN",
                        "--solomo.delivery.push.fcm.url=http://127.0.0.1:" + fcm.getAddress().getPort(),
                        "--solomo.delivery.push.fcm.project-id=load",
                        "--solomo.delivery.push.fcm.access-token=load",
                        "--solomo.delivery.concurrency=" + concurrency,
                        "--solomo.delivery.poll-interval-ms=20"));
        settings.addAll(List.of(args).subList(Math.min(2, args.length), args.length));
        ConfigurableApplicationContext server = new SpringApplicationBuilder(SolomoApplication.class)
                .profiles("demo")
                .run(settings.toArray(String[]::new));
        try {
            JdbcTemplate jdbc = server.getBean(JdbcTemplate.class);
            jdbc.update("insert into device_token (installation_id, customer_id, platform, token, updated_at) "
                    + "values ('load-phone', 'demo-alice', 'FCM', 'load-token', current_timestamp)");

            long start = System.nanoTime();
            queue(jdbc, deliveries);
            long queued = System.nanoTime();
            while (jdbc.queryForObject("select count(*) from delivery where status = 'SENT'", Integer.class)
                    < deliveries) {
                Thread.sleep(20);
            }
            long sent = System.nanoTime();

            int requests = received.values().stream().mapToInt(AtomicInteger::get).sum();
            double seconds = (sent - queued) / 1e9;
            System.out.printf("queued %d deliveries in %.2f s%n", deliveries, (queued - start) / 1e9);
            System.out.printf("sent %d deliveries in %.2f s: %.0f deliveries/s with %d dispatcher threads%n",
                    deliveries, seconds, deliveries / seconds, concurrency);
            System.out.printf("distinct delivery ids received: %d, lost: %d, duplicate requests: %d%n",
                    received.size(), deliveries - received.size(), requests - received.size());
            jdbc.queryForList("select attempts, count(*) as deliveries from delivery group by attempts")
                    .forEach(row -> System.out.printf("deliveries sent at attempt %s: %s%n", row.get("ATTEMPTS"),
                            row.get("DELIVERIES")));
        } finally {
            server.close();
            fcm.stop(0);
            ((ExecutorService) fcm.getExecutor()).shutdownNow();
        }
    }

    private static void queue(JdbcTemplate jdbc, int deliveries) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < deliveries; i++) {
            rows.add(new Object[] {UUID.randomUUID().toString(), UUID.randomUUID().toString()});
        }
        jdbc.batchUpdate("""
                insert into delivery (delivery_id, decision_id, customer_id, offer_id, store_id, channel, status,
                    title, message, language, coupon_code, attempts, created_at)
                values (?, ?, 'demo-alice', 'STORE-WELCOME-10', 'demo-bastille', 'PUSH', 'QUEUED', '-10 %',
                    'Demo Marché Bastille : -10 % sur vos achats aujourd''hui.', 'fr', 'ABCDE-FGHJK-MNPQ', 0,
                    current_timestamp)""", rows);
    }

    private static HttpServer startFcm(Map<String, AtomicInteger> received) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher id = DELIVERY_ID.matcher(body);
            String deliveryId = id.find() ? id.group(1) : "missing";
            received.computeIfAbsent(deliveryId, key -> new AtomicInteger()).incrementAndGet();
            byte[] reply = ("{\"name\":\"projects/load/messages/" + deliveryId + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        return server;
    }
}
