package io.solomo.benchmarks;

import io.solomo.decision.store.GeofenceIndex;
import io.solomo.decision.store.Store;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.WKTWriter;
import org.locationtech.jts.util.GeometricShapeFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks the matcher against PostGIS and measures the index's heap, outside JMH:
 * <ol>
 *   <li>every (query, fence) pair of the 100,000 query points must equal the pairs PostGIS's exact-circle variant
 *   returned, from a CSV {@code query_id,fence_id} given as the second argument;</li>
 *   <li>the heap retained by an index of 50,000 polygons (each circle fence turned into a 32-vertex polygon, the
 *   polygon fences kept), after every query point was looked up once so that the prepared geometries built their
 *   lazy indexes.</li>
 * </ol>
 * Usage: {@code java -cp benchmarks.jar io.solomo.benchmarks.GeofenceMatchCheck DATA_FOLDER PAIRS_CSV}.
 */
public final class GeofenceMatchCheck {

    private GeofenceMatchCheck() {
    }

    public static void main(String[] arguments) throws IOException {
        Path folder = Path.of(arguments[0]);
        List<Store> fences = GeofenceBenchmarkData.fences(folder);
        double[][] queries = GeofenceBenchmarkData.queries(folder);

        GeofenceIndex index = new GeofenceIndex();
        index.rebuild(fences);
        Set<String> ours = new TreeSet<>();
        for (int i = 0; i < queries.length; i++) {
            for (String fence : index.storesContaining(queries[i][0], queries[i][1])) {
                ours.add((i + 1) + "," + fence);
            }
        }
        Set<String> postgis = new TreeSet<>(Files.readAllLines(Path.of(arguments[1])).subList(1,
                Files.readAllLines(Path.of(arguments[1])).size()));
        Set<String> onlyOurs = new TreeSet<>(ours);
        onlyOurs.removeAll(postgis);
        Set<String> onlyPostgis = new TreeSet<>(postgis);
        onlyPostgis.removeAll(ours);
        System.out.printf("pairs: ours %d, PostGIS %d, only ours %d, only PostGIS %d%n", ours.size(),
                postgis.size(), onlyOurs.size(), onlyPostgis.size());
        onlyOurs.stream().limit(10).forEach(pair -> System.out.println("only ours: " + pair));
        onlyPostgis.stream().limit(10).forEach(pair -> System.out.println("only PostGIS: " + pair));

        index = null;
        List<Store> polygons = asPolygons(fences);
        fences = null;
        long before = usedHeapAfterGc();
        GeofenceIndex polygonIndex = new GeofenceIndex();
        polygonIndex.rebuild(polygons);
        polygons = null;
        int matched = 0;
        for (double[] query : queries) {
            matched += polygonIndex.storesContaining(query[0], query[1]).size();
        }
        long after = usedHeapAfterGc();
        System.out.printf("polygon index: %d polygons, %d matches, heap retained %.1f MB%n", polygonIndex.size(),
                matched, (after - before) / 1e6);
        System.out.println(onlyOurs.isEmpty() && onlyPostgis.isEmpty() ? "CHECK PASSED" : "CHECK FAILED");
    }

    private static List<Store> asPolygons(List<Store> fences) {
        GeometryFactory geometry = new GeometryFactory();
        WKTWriter writer = new WKTWriter();
        List<Store> polygons = new ArrayList<>(fences.size());
        for (Store fence : fences) {
            if (fence.outlineWkt() != null) {
                polygons.add(fence);
                continue;
            }
            GeometricShapeFactory shape = new GeometricShapeFactory(geometry);
            double latitudeSpan = fence.radiusMeters() / 111_195.0;
            double longitudeSpan = latitudeSpan / Math.cos(Math.toRadians(fence.latitude()));
            shape.setCentre(new Coordinate(fence.longitude(), fence.latitude()));
            shape.setWidth(2 * longitudeSpan);
            shape.setHeight(2 * latitudeSpan);
            shape.setNumPoints(32);
            polygons.add(Store.withOutline(fence.storeId(), null, null, fence.latitude(), fence.longitude(),
                    writer.write(shape.createEllipse()), ZoneId.of("Europe/Paris"), Instant.EPOCH));
        }
        return polygons;
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(200);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
