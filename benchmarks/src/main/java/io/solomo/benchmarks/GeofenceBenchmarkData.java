package io.solomo.benchmarks;

import io.solomo.decision.store.Store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The fences and query points that the PostGIS geofence benchmark generates ({@code fences.csv}, {@code queries.csv}),
 * read from the folder in the system property {@code solomo.bench.data}.
 */
final class GeofenceBenchmarkData {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant IMPORTED = Instant.parse("2026-12-04T00:00:00Z");

    private GeofenceBenchmarkData() {
    }

    static Path folder() {
        String folder = System.getProperty("solomo.bench.data");
        if (folder == null) {
            throw new IllegalStateException("set -Dsolomo.bench.data to the folder holding fences.csv and "
                    + "queries.csv (gen_fences.py --out-dir)");
        }
        return Path.of(folder);
    }

    /** Returns one store per fence; its id is the fence id. */
    static List<Store> fences(Path folder) {
        List<Store> stores = new ArrayList<>();
        for (String line : lines(folder.resolve("fences.csv"))) {
            String[] columns = line.split(",", 6);
            String id = columns[0];
            double longitude = Double.parseDouble(columns[2]);
            double latitude = Double.parseDouble(columns[3]);
            if ("circle".equals(columns[1])) {
                stores.add(Store.withCircle(id, null, null, latitude, longitude, Double.parseDouble(columns[4]),
                        PARIS, IMPORTED));
            } else {
                String wkt = columns[5].startsWith("\"") ? columns[5].substring(1, columns[5].length() - 1)
                        : columns[5];
                stores.add(Store.withOutline(id, null, null, latitude, longitude, wkt, PARIS, IMPORTED));
            }
        }
        return stores;
    }

    /** Returns the query points as {latitude, longitude} pairs, in id order (id = index + 1). */
    static double[][] queries(Path folder) {
        List<String> lines = lines(folder.resolve("queries.csv"));
        double[][] points = new double[lines.size()][];
        for (int i = 0; i < points.length; i++) {
            String[] columns = lines.get(i).split(",");
            points[i] = new double[]{Double.parseDouble(columns[3]), Double.parseDouble(columns[2])};
        }
        return points;
    }

    private static List<String> lines(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.subList(1, lines.size());
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read " + file, unreadable);
        }
    }
}
