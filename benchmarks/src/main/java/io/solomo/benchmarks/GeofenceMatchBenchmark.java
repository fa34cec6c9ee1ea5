package io.solomo.benchmarks;

import io.solomo.decision.store.GeofenceIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.List;

/**
 * Geofence lookups per second: which of the 50,000 fences contain a query point, over the 100,000 points of the
 * PostGIS benchmark in turn ({@code -Dsolomo.bench.data=.../work/data}). Run with {@code -t 1} for one core and
 * {@code -t 2} for the whole machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class GeofenceMatchBenchmark {

    private GeofenceIndex index;
    private double[][] queries;

    @Setup
    public void buildIndex() {
        Path folder = GeofenceBenchmarkData.folder();
        index = new GeofenceIndex();
        index.rebuild(GeofenceBenchmarkData.fences(folder));
        queries = GeofenceBenchmarkData.queries(folder);
    }

    /** Per-thread position in the query list, so that threads do not share a counter. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Benchmark
    public List<String> storesContaining(Cursor cursor) {
        double[] point = queries[cursor.next];
        cursor.next = cursor.next + 1 == queries.length ? 0 : cursor.next + 1;
        return index.storesContaining(point[0], point[1]);
    }
}
