package io.solomo.decision.kie;

import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.JsonBodies;
import io.solomo.decision.web.RequestBodies;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import static io.solomo.decision.kie.FactMarshaller.NODES;

/**
 * The rules part of the KIE Server 7 REST API under {@code solomo.kie.path-prefix}, JSON only, except batch
 * execution, which {@link KieBatchServlet} serves. Errors are RFC 9457 problem details rather than KIE Server's
 * {@code "type": "FAILURE"} envelope.
 */
@RestController
@RequestMapping("${solomo.kie.path-prefix:" + KieServerProperties.DEFAULT_PATH_PREFIX + "}")
class KieServerController {

    /** The container statuses of KIE Server 7, in its order. */
    private static final List<String> CONTAINER_STATUSES =
            List.of("CREATING", "STARTED", "FAILED", "DISPOSING", "STOPPED", "DEACTIVATED");

    /** The KIE Server release whose REST contract this controller follows; clients read it from server info. */
    static final String CONTRACT_VERSION = "7.74.1.Final";

    /** The JSON media types with a structured syntax suffix, such as {@code application/vnd.kie+json}. */
    private static final String JSON_SUFFIX = "application/*+json";

    /**
     * The largest body of {@code PUT containers/{id}} and {@code POST containers/{id}/release-id}. Their JSON contains
     * a release id and an alias of a few hundred bytes. KIE Server's config items and scanner are ignored.
     */
    static final int MAX_CONTAINER_BODY_BYTES = 64 * 1024;

    /** The longest {@code container-alias}, as long as the longest container id. */
    static final int MAX_ALIAS_LENGTH = 100;

    static final String MAX_KJAR_SIZE_SETTING = "solomo.kie.max-kjar-size";

    private final KieContainers containers;
    private final KjarRepository kjars;
    private final KieServerProperties properties;
    private final Instant startedAt;

    KieServerController(KieContainers containers, KjarRepository kjars,
                        KieServerProperties properties, Clock clock) {
        this.containers = containers;
        this.kjars = kjars;
        this.properties = properties;
        this.startedAt = clock.instant();
    }

    @GetMapping
    ResponseEntity<byte[]> serverInfo() {
        String location = ServletUriComponentsBuilder.fromCurrentContextPath().path(properties.pathPrefix())
                .toUriString();
        ArrayNode capabilities = NODES.arrayNode().add("KieServer").add("BRM");
        ObjectNode info = NODES.objectNode();
        info.put("id", properties.serverId());
        info.put("version", CONTRACT_VERSION);
        info.put("name", properties.serverId());
        info.put("location", location);
        info.set("capabilities", capabilities);
        info.set("messages", KieResponses.messages(startedAt, "Server " + properties.serverId()
                + " (SoLoMo decision server, KIE Server " + CONTRACT_VERSION + " REST contract) started at "
                + startedAt));
        info.put("mode", "PRODUCTION");
        return KieResponses.success("Kie Server info", "kie-server-info", info);
    }

    @GetMapping("/containers")
    ResponseEntity<byte[]> listContainers(@RequestParam(required = false) String groupId,
                                          @RequestParam(required = false) String artifactId,
                                          @RequestParam(required = false) String version,
                                          @RequestParam(required = false) String status) {
        boolean startedListed = statusFilterAccepts(status, "STARTED");
        ArrayNode listed = NODES.arrayNode();
        for (DeployedContainer container : containers.list()) {
            KieReleaseId releaseId = container.releaseId();
            if (matches(groupId, releaseId.groupId()) && matches(artifactId, releaseId.artifactId())
                    && matches(version, releaseId.version()) && startedListed) {
                listed.add(KieResponses.container(container));
            }
        }
        ObjectNode list = NODES.objectNode();
        list.set("kie-container", listed);
        return KieResponses.success("List of created containers", "kie-containers", list);
    }

    @GetMapping("/containers/{containerId}")
    ResponseEntity<byte[]> getContainer(@PathVariable String containerId) {
        DeployedContainer container = containers.get(containerId);
        return KieResponses.success("Info for container " + containerId, "kie-container",
                KieResponses.container(container));
    }

    /**
     * Creates a container from {@code {"release-id": {...}}}; the kjar comes from {@link #uploadKjar} or the local
     * Maven repository. {@code container-alias} is kept; config items and scanners are ignored.
     */
    @PutMapping(path = "/containers/{containerId}", consumes = {MediaType.APPLICATION_JSON_VALUE, JSON_SUFFIX})
    ResponseEntity<byte[]> createContainer(@PathVariable String containerId, HttpServletRequest servletRequest)
            throws IOException {
        JsonNode request = readJson(servletRequest);
        String bodyId = BatchReader.text(request, "container-id", "");
        if (bodyId != null && !bodyId.equals(containerId)) {
            throw new InvalidFieldException("container-id", bodyId, "container-id in the body ("
                    + bodyId + ") differs from the path (" + containerId + ")");
        }
        KieReleaseId releaseId = KieReleaseId.fromJson(request.get("release-id"), "release-id");
        String alias = BatchReader.text(request, "container-alias", "");
        if (alias != null && alias.length() > MAX_ALIAS_LENGTH) {
            throw new InvalidFieldException("container-alias", alias.substring(0, MAX_ALIAS_LENGTH) + "...",
                    "container-alias has " + alias.length() + " characters; give at most " + MAX_ALIAS_LENGTH);
        }

        DeployedContainer container = containers.create(containerId, releaseId, alias);
        return KieResponses.success(HttpStatus.CREATED, "Container " + containerId
                + " successfully deployed with module " + releaseId + ".", "kie-container",
                KieResponses.container(container));
    }

    /**
     * Disposes a container. As in KIE Server 7.74, disposing a container that does not exist succeeds with
     * "Container X was not instantiated.", so that "dispose, then create" scripts work on a fresh server.
     */
    @DeleteMapping("/containers/{containerId}")
    ResponseEntity<byte[]> disposeContainer(@PathVariable String containerId) {
        boolean disposed = containers.dispose(containerId);
        return KieResponses.success("Container " + containerId
                + (disposed ? " successfully disposed." : " was not instantiated."), null, null);
    }

    @GetMapping("/containers/{containerId}/release-id")
    ResponseEntity<byte[]> getReleaseId(@PathVariable String containerId) {
        DeployedContainer container = containers.get(containerId);
        return KieResponses.success("ReleaseId for container " + containerId, "release-id",
                container.releaseId().toJson());
    }

    /** Accepts the release id bare, as the KIE Server client sends it, or wrapped in {@code "release-id"}. */
    @PostMapping(path = "/containers/{containerId}/release-id",
            consumes = {MediaType.APPLICATION_JSON_VALUE, JSON_SUFFIX})
    ResponseEntity<byte[]> updateReleaseId(@PathVariable String containerId, HttpServletRequest servletRequest)
            throws IOException {
        JsonNode request = readJson(servletRequest);
        KieReleaseId releaseId = request.has("release-id")
                ? KieReleaseId.fromJson(request.get("release-id"), "release-id")
                : KieReleaseId.fromJson(request, "");

        DeployedContainer container = containers.updateReleaseId(containerId, releaseId);
        return KieResponses.success("Release id successfully updated.", "release-id", container.releaseId().toJson());
    }

    /**
     * Stores a kjar sent as the raw request body ({@code Content-Type: application/java-archive}) under the release
     * id of its {@code pom.properties}; {@code PUT containers/{id}} with that release id then creates a container.
     * A body larger than {@code solomo.kie.max-kjar-size} gets a 413 problem, before it is read when it declares its
     * length.
     */
    @PostMapping(path = "/kjars", consumes = {"application/java-archive", "application/x-java-archive",
            "application/zip", MediaType.APPLICATION_OCTET_STREAM_VALUE})
    ResponseEntity<byte[]> uploadKjar(HttpServletRequest request) throws IOException {
        KieReleaseId releaseId = kjars.store(RequestBodies.readRequired(request,
                (int) properties.maxKjarSize().toBytes(), MAX_KJAR_SIZE_SETTING));
        return KieResponses.success(HttpStatus.CREATED, "Kjar " + releaseId + " successfully stored.", "release-id",
                releaseId.toJson());
    }

    /**
     * Reads a container request body. The body is read by hand, not with {@code @RequestBody}, so that its size is
     * checked before it is held in memory.
     */
    private static JsonNode readJson(HttpServletRequest request) throws IOException {
        return FactMarshaller.parse(JsonBodies.read(request, MAX_CONTAINER_BODY_BYTES, null));
    }

    /**
     * Returns whether the {@code status} filter, KIE Server's comma-separated container statuses in any case, lets
     * containers of this status through. Every container here is {@code STARTED}, but the other KIE statuses are
     * valid filters too.
     */
    private static boolean statusFilterAccepts(String filter, String status) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        boolean accepted = false;
        for (String part : filter.split(",")) {
            String requested = part.trim().toUpperCase(Locale.ROOT);
            if (!CONTAINER_STATUSES.contains(requested)) {
                throw new InvalidFieldException("status", filter, "unknown container status '" + part.trim()
                        + "'; use one or more of " + String.join(", ", CONTAINER_STATUSES) + ", separated by commas");
            }
            accepted |= requested.equals(status);
        }
        return accepted;
    }

    private static boolean matches(String filter, String value) {
        return filter == null || filter.isBlank() || filter.equals(value);
    }
}
