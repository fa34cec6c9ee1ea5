package io.solomo.benchmarks;

import io.solomo.decision.SolomoApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures location fixes per second end to end: HTTP batches posted to {@code POST /api/v1/location-events/batch}.
 * Each request returns once the route has applied its fixes to their devices' states and stored them.
 *
 * <p>Starts the server in this JVM (demo profile, H2 in a fresh file under {@code /tmp/solomo-location-load} with
 * the shipped durability unless a {@code --spring.datasource.url} setting names another database, a random loopback
 * port) with the 50,000 geofences of the PostGIS benchmark's {@code fences.csv} imported at start,
 * inserts one customer per device with the precise-location consent granted, then posts batches of fixes from
 * {@code connections} client threads. Device {@code i} stays near query point {@code i} of {@code queries.csv}: it
 * walks at random, up to 10 m east and north between fixes 30 s apart, and never farther than 100 m from that point.
 * Its fixes have a 10 m accuracy. Devices near a geofence enter, dwell and exit it, and each of these transitions
 * requests a decision from the offer engine. A warm-up run comes first, so that the measured run starts with JIT-compiled code
 * and devices that are already inside or near their geofences.
 *
 * <p>Arguments: the folder containing {@code fences.csv} and {@code queries.csv}, then optional
 * {@code fixes=200000}, {@code devices=10000}, {@code batch=1000}, {@code connections=2}, {@code warmup=50000},
 * then any server setting such as {@code --solomo.routes.location-consumers=2}.
 */
public final class LocationBatchLoad {

    private static final Duration FIX_INTERVAL = Duration.ofSeconds(30);
    private static final double STEP_METERS = 10;
    private static final double WANDER_METERS = 100;
    private static final double METERS_PER_DEGREE = 111_195;

    private LocationBatchLoad() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Map<String, Integer> options = new java.util.HashMap<>(Map.of("fixes", 200_000, "devices", 10_000,
                "batch", 1_000, "connections", 2, "warmup", 50_000));
        List<String> settings = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                settings.add(args[i]);
            } else {
                String[] option = args[i].split("=", 2);
                options.put(option[0], Integer.parseInt(option[1]));
            }
        }

        Path folder = Path.of("/tmp/solomo-location-load");
        deleteRecursively(folder);
        Files.createDirectories(folder);
        Path stores = folder.resolve("fences.geojson");
        writeGeoJson(data.resolve("fences.csv"), stores);
        double[][] anchors = GeofenceBenchmarkData.queries(data);

        List<String> serverSettings = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--solomo.stores.import-file=" + stores,
                "--logging.level.io.solomo=WARN", "--logging.level.org.apache.camel=WARN"));
        if (settings.stream().noneMatch(setting -> setting.startsWith("--spring.datasource.url="))) {
            // The shipped default durability: every commit is written to the file before the response is sent.
            serverSettings.add("--spring.datasource.url=jdbc:h2:file:" + folder.resolve("solomo")
                    + ";AUTO_SERVER=FALSE;WRITE_DELAY=0");
        }
        serverSettings.addAll(settings);
        ConfigurableApplicationContext server = new SpringApplicationBuilder(SolomoApplication.class)
                .profiles("demo")
                .run(serverSettings.toArray(String[]::new));
        try {
            int port = ((WebServerApplicationContext) server).getWebServer().getPort();
            JdbcTemplate jdbc = server.getBean(JdbcTemplate.class);
            int devices = options.get("devices");
            createCustomers(jdbc, devices);
            int rounds = (options.get("warmup") + options.get("fixes")) / devices + 2;
            Load load = new Load(URI.create("http://127.0.0.1:" + port + "/api/v1/location-events/batch"), anchors,
                    devices, rounds, options.get("batch"), options.get("connections"));

            load.run("warm", options.get("warmup"));
            Result result = load.run("load", options.get("fixes"));

            System.out.printf(Locale.ROOT, "processed %,d fixes in %.1f s: %,.0f fixes/s end to end%n",
                    result.fixes, result.seconds, result.fixes / result.seconds);
            System.out.println("fixes by status and assessment: " + jdbc.queryForList(
                    "select status, assessment, count(*) as fixes from location_event where event_id like 'load-%' "
                            + "group by status, assessment order by status, assessment"));
            System.out.println("transitions by kind: " + jdbc.queryForList(
                    "select kind, count(*) as transitions, count(decision_id) as decisions from geofence_transition "
                            + "where event_id like 'load-%' group by kind order by kind"));
        } finally {
            server.close();
        }
    }

    /**
     * Posts the fixes of each run; the last response means the route has handled all of them. The runs continue one
     * walk:
     * the measured run sends the next fixes of the devices that the warm-up run already placed in or near their
     * geofences, as phones keep reporting all day.
     */
    private static final class Load {

        private final URI endpoint;
        private final double[][] anchors;
        private final int devices;
        private final int batchSize;
        private final int connections;
        private final double[][] offsets;
        private final Instant firstFix;
        private final Random random = new Random(20261204L);
        private final long runId = System.currentTimeMillis();
        private int sent;

        Load(URI endpoint, double[][] anchors, int devices, int rounds, int batchSize,
             int connections) {
            this.endpoint = endpoint;
            this.anchors = anchors;
            this.devices = devices;
            this.batchSize = batchSize;
            this.connections = connections;
            this.offsets = new double[devices][2];
            this.firstFix = Instant.now().minus(FIX_INTERVAL.multipliedBy(rounds));
        }

        Result run(String prefix, int fixes) throws Exception {
            List<String> bodies = bodies(prefix, fixes);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String authorization = "Basic " + Base64.getEncoder()
                    .encodeToString("app:demo".getBytes(StandardCharsets.UTF_8));
            AtomicInteger next = new AtomicInteger();

            long start = System.nanoTime();
            ExecutorService posters = Executors.newFixedThreadPool(connections);
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                done.add(posters.submit(() -> {
                    for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                        HttpRequest request = HttpRequest.newBuilder(endpoint)
                                .header("Content-Type", "application/json")
                                .header("Authorization", authorization)
                                .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i)))
                                .build();
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 202) {
                            throw new IllegalStateException("batch " + i + " failed with status "
                                    + response.statusCode() + ": " + response.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> posted : done) {
                posted.get();
            }
            posters.shutdown();
            return new Result(fixes, (System.nanoTime() - start) / 1e9);
        }

        /**
         * Returns the request bodies of the next fixes: round {@code k} contains fix {@code k} of every device, so each
         * device's fixes arrive in the order of their timestamps, one round apart.
         */
        private List<String> bodies(String prefix, int fixes) {
            List<String> bodies = new ArrayList<>();
            StringBuilder body = new StringBuilder();
            int inBatch = 0;
            for (int end = sent + fixes; sent < end; sent++) {
                int device = sent % devices;
                int round = sent / devices;
                double[] anchor = anchors[device % anchors.length];
                double[] offset = offsets[device];
                offset[0] += (random.nextDouble() * 2 - 1) * STEP_METERS;
                offset[1] += (random.nextDouble() * 2 - 1) * STEP_METERS;
                double fromAnchor = Math.hypot(offset[0], offset[1]);
                if (fromAnchor > WANDER_METERS) {
                    offset[0] *= WANDER_METERS / fromAnchor;
                    offset[1] *= WANDER_METERS / fromAnchor;
                }
                double latitude = anchor[0] + offset[0] / METERS_PER_DEGREE;
                double longitude = anchor[1] + offset[1] / (METERS_PER_DEGREE * Math.cos(Math.toRadians(anchor[0])));
                body.append(inBatch == 0 ? "[" : ",");
                body.append(String.format(Locale.ROOT, "{\"eventId\":\"%s-%d-%d-%d\",\"customerId\":\"%s\","
                                + "\"deviceId\":\"device-%d\",\"latitude\":%.7f,\"longitude\":%.7f,"
                                + "\"accuracyMeters\":10,\"recordedAt\":\"%s\"}", prefix, runId, device, round,
                        customerId(device), device, latitude, longitude,
                        firstFix.plus(FIX_INTERVAL.multipliedBy(round))));
                inBatch++;
                if (inBatch == batchSize || sent == end - 1) {
                    bodies.add(body.append(']').toString());
                    body.setLength(0);
                    inBatch = 0;
                }
            }
            return bodies;
        }
    }

    private record Result(int fixes, double seconds) {
    }

    private static String customerId(int device) {
        return "load-customer-" + device;
    }

    /** Inserts one customer per device, who granted the precise-location consent, in two JDBC batches. */
    private static void createCustomers(JdbcTemplate jdbc, int devices) {
        List<Object[]> customers = new ArrayList<>(devices);
        List<Object[]> consents = new ArrayList<>(devices);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (int device = 0; device < devices; device++) {
            customers.add(new Object[]{customerId(device), now});
            consents.add(new Object[]{customerId(device), now});
        }
        jdbc.batchUpdate("insert into customer (customer_id, loyalty_tier, language, time_zone, created_at, version) "
                + "values (?, 'BRONZE', 'fr', 'Europe/Paris', ?, 0)", customers);
        jdbc.batchUpdate("insert into consent (customer_id, purpose, status, source, recorded_at) "
                + "values (?, 'PRECISE_LOCATION', 'GRANTED', 'location-load', ?)", consents);
    }

    /** Writes the fences as a GeoJSON FeatureCollection: circles as points with a radius, polygons as they are. */
    private static void writeGeoJson(Path fences, Path geoJson) throws IOException {
        List<String> lines = Files.readAllLines(fences);
        try (Writer out = Files.newBufferedWriter(geoJson)) {
            out.write("{\"type\":\"FeatureCollection\",\"features\":[");
            for (int i = 1; i < lines.size(); i++) {
                String[] columns = lines.get(i).split(",", 6);
                out.write(i == 1 ? "" : ",");
                out.write("{\"type\":\"Feature\",\"id\":\"" + columns[0] + "\",");
                if ("circle".equals(columns[1])) {
                    out.write("\"properties\":{\"radius\":" + columns[4] + "},\"geometry\":{\"type\":\"Point\","
                            + "\"coordinates\":[" + columns[2] + "," + columns[3] + "]}}");
                } else {
                    out.write("\"properties\":{},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[["
                            + polygonCoordinates(columns[5]) + "]]}}");
                }
            }
            out.write("]}");
        }
    }

    /** Turns {@code "POLYGON((x y, x y, ...))"} into GeoJSON positions {@code [x,y],[x,y],...}. */
    private static String polygonCoordinates(String wkt) {
        String ring = wkt.substring(wkt.indexOf("((") + 2, wkt.indexOf("))"));
        StringBuilder positions = new StringBuilder();
        for (String position : ring.split(",")) {
            String[] xy = position.trim().split(" ");
            positions.append(positions.isEmpty() ? "" : ",").append('[').append(xy[0]).append(',').append(xy[1])
                    .append(']');
        }
        return positions.toString();
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
