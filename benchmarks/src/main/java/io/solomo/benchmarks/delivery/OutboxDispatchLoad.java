package io.solomo.benchmarks.delivery;

import com.sun.management.OperatingSystemMXBean;
import com.sun.net.httpserver.HttpServer;
import io.solomo.decision.SolomoApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures how many deliveries per second the outbox dispatcher sends to a push endpoint on loopback: starts the
 * server (demo profile, in-memory H2) with its FCM URL pointing at a JDK HTTP server in the same JVM, queues
 * {@code N} push deliveries in one JDBC batch, and times them until every row is {@code SENT}. It prints the rate,
 * the CPU time the JVM used while sending (by thread group, plus JIT compilation and garbage collection), and at the
 * end how many delivery ids the stand-in received and how many requests repeated one. The CPU time depends less on
 * other processes than the rate does, but it includes the stand-in's.
 *
 * <p>Arguments: number of deliveries per round (default 20000), dispatcher threads (default 16), then
 * {@code --rounds=R} (default 1) and any server setting such as {@code --solomo.delivery.batch-size=1000}. Each round
 * queues N more deliveries into the same server. The first round runs while the JIT compiler is still compiling the
 * server's code; later rounds measure the warm server. The stand-in replies at once, so the figure is the server's
 * own cost: claiming rows, the consent check, building and posting the FCM request, and recording the outcome.
 */
public final class OutboxDispatchLoad {

    private static final Pattern DELIVERY_ID = Pattern.compile("\"deliveryId\":\"([0-9a-f-]{36})\"");
    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final String ROUNDS = "--rounds=";

    private OutboxDispatchLoad() {
    }

    public static void main(String[] args) throws Exception {
        int deliveries = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        List<String> extra = new ArrayList<>(List.of(args).subList(Math.min(2, args.length), args.length));
        int rounds = extra.stream().filter(arg -> arg.startsWith(ROUNDS)).findFirst()
                .map(arg -> Integer.parseInt(arg.substring(ROUNDS.length()))).orElse(1);
        extra.removeIf(arg -> arg.startsWith(ROUNDS));

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
        settings.addAll(extra);
        ConfigurableApplicationContext server = new SpringApplicationBuilder(SolomoApplication.class)
                .profiles("demo")
                .run(settings.toArray(String[]::new));
        try {
            JdbcTemplate jdbc = server.getBean(JdbcTemplate.class);
            jdbc.update("insert into device_token (installation_id, customer_id, platform, token, updated_at) "
                    + "values ('load-phone', 'demo-alice', 'FCM', 'load-token', current_timestamp)");
            for (int round = 1; round <= rounds; round++) {
                System.out.printf("round %d of %d, starting at %s%s%n", round, rounds, Instant.now(),
                        round == 1 ? " (the first work of a fresh JVM, so the JIT compiler competes for the CPU)" : "");
                sendRound(jdbc, deliveries, round * deliveries, concurrency);
            }

            int requests = received.values().stream().mapToInt(AtomicInteger::get).sum();
            int queued = rounds * deliveries;
            System.out.printf("distinct delivery ids received: %d, lost: %d, duplicate requests: %d%n",
                    received.size(), queued - received.size(), requests - received.size());
            jdbc.queryForList("select attempts, count(*) as deliveries from delivery group by attempts")
                    .forEach(row -> System.out.printf("deliveries sent at attempt %s: %s%n", row.get("ATTEMPTS"),
                            row.get("DELIVERIES")));
        } finally {
            server.close();
            fcm.stop(0);
            ((ExecutorService) fcm.getExecutor()).shutdownNow();
        }
    }

    /** Queues {@code deliveries} more rows and waits until {@code sentInTotal} rows are sent, then prints the round. */
    private static void sendRound(JdbcTemplate jdbc, int deliveries, int sentInTotal, int concurrency)
            throws InterruptedException {
        long start = System.nanoTime();
        queue(jdbc, deliveries);
        long queued = System.nanoTime();
        long cpuAtQueued = PROCESS.getProcessCpuTime();
        Map<Long, Long> threadCpuAtQueued = threadCpuTimes();
        long compilingAtQueued = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long collectingAtQueued = collectionMillis();
        double loadAtQueued = PROCESS.getSystemLoadAverage();
        while (jdbc.queryForObject("select count(*) from delivery where status = 'SENT'", Integer.class)
                < sentInTotal) {
            Thread.sleep(20);
        }
        long sent = System.nanoTime();
        long cpu = PROCESS.getProcessCpuTime() - cpuAtQueued;
        Map<String, Long> cpuByThreadGroup = cpuByThreadGroup(threadCpuAtQueued);
        long compiling = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - compilingAtQueued;
        long collecting = collectionMillis() - collectingAtQueued;

        double seconds = (sent - queued) / 1e9;
        System.out.printf("queued %d deliveries in %.2f s%n", deliveries, (queued - start) / 1e9);
        System.out.printf("sent %d deliveries in %.2f s: %.0f deliveries/s with %d dispatcher threads%n",
                deliveries, seconds, deliveries / seconds, concurrency);
        System.out.printf("process CPU while sending: %.2f s, %.0f µs per delivery (server and stand-in together, "
                + "%d cores); load average %.1f at the start, %.1f at the end%n", cpu / 1e9,
                cpu / 1e3 / deliveries, PROCESS.getAvailableProcessors(), loadAtQueued,
                PROCESS.getSystemLoadAverage());
        cpuByThreadGroup.forEach((group, nanos) -> System.out.printf("  %5.2f s CPU in %s%n", nanos / 1e9, group));
        System.out.printf("  %5.2f s compiling (JIT, wall time of the compiler threads), %.2f s in garbage "
                + "collections (wall time)%n", compiling / 1e3, collecting / 1e3);
    }

    private static long collectionMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static Map<Long, Long> threadCpuTimes() {
        Map<Long, Long> times = new HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            times.put(id, THREADS.getThreadCpuTime(id));
        }
        return times;
    }

    /**
     * Returns the CPU time each group of threads used since {@code before}, largest first. Threads are grouped by
     * name without their number. The time of a thread that ended in between is missing.
     */
    private static Map<String, Long> cpuByThreadGroup(Map<Long, Long> before) {
        Map<String, Long> groups = new HashMap<>();
        for (ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (thread == null) {
                continue;
            }
            long nanos = THREADS.getThreadCpuTime(thread.getThreadId()) - before.getOrDefault(thread.getThreadId(), 0L);
            String group = thread.getThreadName().replaceAll("[-# ]*\\d+", "");
            groups.merge(group, Math.max(nanos, 0), Long::sum);
        }
        Map<String, Long> largestFirst = new LinkedHashMap<>();
        groups.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .filter(group -> group.getValue() >= 10_000_000)
                .forEach(group -> largestFirst.put(group.getKey(), group.getValue()));
        return largestFirst;
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
        return FcmStandIn.start(body -> {
            Matcher id = DELIVERY_ID.matcher(body);
            String deliveryId = id.find() ? id.group(1) : "missing";
            received.computeIfAbsent(deliveryId, key -> new AtomicInteger()).incrementAndGet();
            return deliveryId;
        });
    }
}
