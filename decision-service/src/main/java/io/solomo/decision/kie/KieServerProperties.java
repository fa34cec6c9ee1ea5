package io.solomo.decision.kie;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the KIE Server REST contract ({@code solomo.kie.*}).
 *
 * @param pathPrefix      where the API is served, {@code /services/rest/server} by default as in a stand-alone KIE
 *                        Server; the request mappings and the security rules both read it
 * @param serverId        the {@code id} and {@code name} returned by server info
 * @param mavenRepository the local Maven repository searched for a container's release id after the uploaded kjars,
 *                        {@code ~/.m2/repository} by default
 * @param kjarFolder      where uploaded kjars are stored, laid out like a Maven repository
 * @param maxKjarSize     largest kjar accepted by an upload, 50 MB by default. A larger one gets a 413 problem, and
 *                        it is not read at all when the request declares its length.
 * @param maxConcurrentBatches the most batch requests served at once; more wait for a free slot. Twice the
 *                        available processors by default, because a batch uses only the CPU
 * @param maxBatchWait    how long a batch may wait for a free slot before it gets a 503 problem, 10 s by default
 * @param maxBatchSize    largest batch body accepted, 10 MB by default; a larger one gets a 413 problem unread
 */
@ConfigurationProperties(prefix = "solomo.kie")
record KieServerProperties(String pathPrefix, String serverId, Path mavenRepository, Path kjarFolder,
                           DataSize maxKjarSize, Integer maxConcurrentBatches, Duration maxBatchWait,
                           DataSize maxBatchSize) {

    static final String DEFAULT_PATH_PREFIX = "/services/rest/server";

    KieServerProperties {
        if (pathPrefix == null || pathPrefix.isBlank()) {
            pathPrefix = DEFAULT_PATH_PREFIX;
        }
        if (serverId == null || serverId.isBlank()) {
            serverId = "solomo-kie-server";
        }
        if (mavenRepository == null) {
            mavenRepository = Path.of(System.getProperty("user.home"), ".m2", "repository");
        }
        if (kjarFolder == null) {
            kjarFolder = Path.of("data", "kjars");
        }
        if (maxKjarSize == null) {
            maxKjarSize = DataSize.ofMegabytes(50);
        } else if (maxKjarSize.toBytes() < 1 || maxKjarSize.toBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("solomo.kie.max-kjar-size must be between 1 byte and 2GB, got "
                    + maxKjarSize);
        }
        if (maxConcurrentBatches == null) {
            maxConcurrentBatches = 2 * Runtime.getRuntime().availableProcessors();
        } else if (maxConcurrentBatches < 1) {
            throw new IllegalArgumentException("solomo.kie.max-concurrent-batches must be at least 1, got "
                    + maxConcurrentBatches);
        }
        if (maxBatchWait == null) {
            maxBatchWait = Duration.ofSeconds(10);
        } else if (maxBatchWait.isNegative() || maxBatchWait.isZero()) {
            throw new IllegalArgumentException("solomo.kie.max-batch-wait must be positive, got " + maxBatchWait);
        }
        if (maxBatchSize == null) {
            maxBatchSize = DataSize.ofMegabytes(10);
        } else if (maxBatchSize.toBytes() < 1 || maxBatchSize.toBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("solomo.kie.max-batch-size must be between 1 byte and 2GB, got "
                    + maxBatchSize);
        }
    }
}
