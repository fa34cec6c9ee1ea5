package io.solomo.decision.kie;

import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.NotFoundException;
import jakarta.annotation.PreDestroy;
import org.kie.api.KieServices;
import org.kie.api.builder.KieModule;
import org.kie.api.runtime.KieContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * The KIE containers of this server, by container id. Creating, replacing and disposing are serialised; reading a
 * container for a batch never waits for them.
 *
 * <p>Each change is recorded in the database ({@link KieContainerRecords}). The server builds the recorded
 * containers again at start, before it reports itself ready for traffic, as a stand-alone KIE Server does from its
 * {@code <server-id>.xml}, and follows the changes made through other nodes every
 * {@code solomo.kie.refresh-interval} ({@link KieContainerPoller}). Each node needs the kjar in its own uploaded
 * kjars folder or Maven repository.
 */
@Component
class KieContainers implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(KieContainers.class);
    private static final Pattern CONTAINER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

    private final ConcurrentMap<String, DeployedContainer> containers = new ConcurrentHashMap<>();
    // The record revision each running container was built from. Guarded by this object.
    private final Map<String, String> builtRevisions = new HashMap<>();
    // Recorded containers that did not build on this node, with the attempt made. Guarded by this object.
    private final Map<String, FailedBuild> unbuildable = new HashMap<>();
    private final KjarRepository kjars;
    private final KieContainerRecords records;
    private final Clock clock;
    private final KieServices kieServices = KieServices.Factory.get();

    KieContainers(KjarRepository kjars, KieContainerRecords records, Clock clock) {
        this.kjars = kjars;
        this.records = records;
        this.clock = clock;
    }

    /** Builds the recorded containers again at start, as {@link #followRecords()} does. */
    @Override
    public void run(ApplicationArguments arguments) {
        followRecords();
    }

    /**
     * Brings this node's containers in line with the records, which other nodes change too. Builds the recorded
     * containers it lacks, rebuilds those whose record revision changed (a new release id, or the same one reloaded),
     * and disposes those no longer recorded. A container that does not build, because its kjar is not on this node
     * or its rules fail, is logged once and tried again when its record or its kjar file changes, or the node
     * restarts. Until then the node returns 404 for it, even if it ran an earlier release id of that container.
     */
    synchronized void followRecords() {
        Map<String, KieContainerRecords.Recorded> recorded = new LinkedHashMap<>();
        records.all().forEach(record -> recorded.put(record.containerId(), record));
        unbuildable.keySet().retainAll(recorded.keySet());

        for (KieContainerRecords.Recorded record : recorded.values()) {
            DeployedContainer running = containers.get(record.containerId());
            boolean current = running != null && record.revision().equals(builtRevisions.get(record.containerId()));
            FailedBuild attempt = new FailedBuild(record.revision(), kjarFile(record.releaseId()));
            if (current || attempt.equals(unbuildable.get(record.containerId()))) {
                continue;
            }
            try {
                containers.put(record.containerId(), load(record.containerId(), record.releaseId(), record.alias()));
                builtRevisions.put(record.containerId(), record.revision());
                unbuildable.remove(record.containerId());
                log.info("Built KIE container {} from kjar {} as recorded", record.containerId(), record.releaseId());
            } catch (RuntimeException failed) {
                unbuildable.put(record.containerId(), attempt);
                String stopped = "";
                if (running != null) {
                    // The rules the record replaced would return other results than the nodes that built the new
                    // ones, so this node returns 404 for the container instead.
                    containers.remove(record.containerId());
                    builtRevisions.remove(record.containerId());
                    running.retire();
                    stopped = " and no longer serves kjar " + running.releaseId();
                }
                log.error("KIE container {} (kjar {}) is recorded but could not be built on this node{}: {}. Upload "
                        + "or install a kjar that builds, and this node tries again within solomo.kie.refresh-interval",
                        record.containerId(), record.releaseId(), stopped, failed.getMessage());
                continue;
            }
            if (running != null) {
                running.retire();
            }
        }
        for (DeployedContainer running : List.copyOf(containers.values())) {
            if (!recorded.containsKey(running.id())) {
                containers.remove(running.id());
                builtRevisions.remove(running.id());
                running.retire();
                log.info("Disposed KIE container {} (kjar {}), no longer recorded", running.id(), running.releaseId());
            }
        }
    }

    /**
     * Describes the kjar file of the release id by path, size and modification time, or returns "absent", so that a
     * failed build is tried again once the file is uploaded, installed or replaced.
     */
    private String kjarFile(KieReleaseId releaseId) {
        Optional<Path> jar = kjars.find(releaseId);
        if (jar.isEmpty()) {
            return "absent";
        }
        try {
            return jar.get() + " " + Files.size(jar.get()) + " bytes, modified " + Files.getLastModifiedTime(jar.get());
        } catch (IOException unreadable) {
            // The build reports why the file cannot be read.
            return jar.get() + " unreadable";
        }
    }

    /** A record revision that failed to build on this node, and the kjar file it was built from. */
    private record FailedBuild(String revision, String kjarFile) {
    }

    /** Returns the container, or throws a 404 naming it. */
    DeployedContainer get(String containerId) {
        DeployedContainer container = containers.get(containerId);
        if (container == null) {
            throw new NotFoundException("KIE container", "containerId", containerId);
        }
        return container;
    }

    List<DeployedContainer> list() {
        List<DeployedContainer> all = new ArrayList<>(containers.values());
        all.sort(Comparator.comparing(DeployedContainer::id));
        return all;
    }

    /**
     * Builds a container from the kjar of the release id and starts it.
     *
     * @throws InvalidFieldException when the id is taken or invalid, the kjar is not found, or its rules do not build
     */
    synchronized DeployedContainer create(String containerId, KieReleaseId releaseId, String alias) {
        checkId(containerId);
        DeployedContainer existing = containers.get(containerId);
        if (existing != null) {
            throw new InvalidFieldException("containerId", containerId, "container " + containerId + " already exists "
                    + "with release id " + existing.releaseId() + "; dispose it first or update its release id");
        }

        DeployedContainer container = load(containerId, releaseId, alias);
        FailedBuild failedHere = unbuildable.get(containerId);
        String revision;
        try {
            revision = records.created(containerId, releaseId, alias, container.createdAt(),
                    failedHere == null ? null : failedHere.revision());
        } catch (DuplicateKeyException recordedElsewhere) {
            container.retire();
            throw new InvalidFieldException("containerId", containerId, "container " + containerId + " already "
                    + "exists, created or updated through another node; dispose it first or update its release id");
        } catch (RuntimeException notRecorded) {
            container.retire();
            throw notRecorded;
        }
        containers.put(containerId, container);
        builtRevisions.put(containerId, revision);
        unbuildable.remove(containerId);
        log.info("Created KIE container {} from kjar {}", containerId, releaseId);
        return container;
    }

    /**
     * Replaces the container's rules with those of another release id (or reloads the same one). Batches that start
     * afterwards use the new rules, and those still running on the old ones finish with them.
     */
    synchronized DeployedContainer updateReleaseId(String containerId, KieReleaseId releaseId) {
        DeployedContainer old = get(containerId);
        DeployedContainer updated = load(containerId, releaseId, old.alias());
        String revision;
        try {
            revision = records.releaseIdUpdated(containerId, releaseId);
        } catch (NotFoundException disposedElsewhere) {
            // Another node disposed of it since this node last followed the records: stop serving it here too.
            updated.retire();
            containers.remove(containerId);
            builtRevisions.remove(containerId);
            old.retire();
            throw disposedElsewhere;
        } catch (RuntimeException notRecorded) {
            updated.retire();
            throw notRecorded;
        }
        containers.put(containerId, updated);
        builtRevisions.put(containerId, revision);
        old.retire();
        log.info("Updated KIE container {} from kjar {} to {}", containerId, old.releaseId(), releaseId);
        return updated;
    }

    /**
     * Disposes the container once the batches running on it end. Returns false when no container of this id runs
     * here and none is recorded. A recorded container that failed to build here has its record removed all the same,
     * which disposes it on the nodes where it runs.
     */
    synchronized boolean dispose(String containerId) {
        // The record goes first, so that the container stays when removing the record fails. A container that failed to
        // start again has a record too, which must go so that the next start does not build it.
        boolean recorded = records.disposed(containerId);
        builtRevisions.remove(containerId);
        DeployedContainer container = containers.remove(containerId);
        if (container == null) {
            if (recorded) {
                log.info("Disposed KIE container {}, recorded but not running on this node", containerId);
            }
            return recorded;
        }
        container.retire();
        log.info("Disposed KIE container {} (kjar {})", containerId, container.releaseId());
        return true;
    }

    @PreDestroy
    synchronized void disposeAll() {
        List<DeployedContainer> all = List.copyOf(containers.values());
        containers.clear();
        builtRevisions.clear();
        all.forEach(DeployedContainer::retire);
    }

    private DeployedContainer load(String containerId, KieReleaseId releaseId, String alias) {
        Path jar = kjars.find(releaseId).orElseThrow(() -> new InvalidFieldException("release-id",
                releaseId.toString(), "no kjar " + releaseId + " found; looked for " + kjars.searched(releaseId)
                + ". Upload it with POST .../kjars or install it into the local Maven repository"));

        long started = System.nanoTime();
        KieModule module;
        try {
            module = kieServices.getRepository().addKieModule(kieServices.getResources().newFileSystemResource(jar.toFile()));
        } catch (RuntimeException unreadable) {
            throw new InvalidFieldException("release-id", releaseId.toString(), "kjar " + jar + " could not be read "
                    + "as a KIE module: " + unreadable.getMessage());
        }
        if (!module.getReleaseId().toExternalForm().equals(releaseId.toString())) {
            throw new InvalidFieldException("release-id", releaseId.toString(), "kjar " + jar + " declares release id "
                    + module.getReleaseId().toExternalForm() + ", not " + releaseId);
        }

        KieContainer kieContainer = kieServices.newKieContainer(module.getReleaseId(),
                KjarBuilder.SERVICE_CLASS_LOADER);
        int rules;
        try {
            rules = KjarBuilder.buildKieBases("release-id", releaseId.toString(), releaseId, kieContainer);
        } catch (RuntimeException failed) {
            kieContainer.dispose();
            throw failed;
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        String message = "Container " + containerId + " successfully created with module " + releaseId + ".";
        log.info("Built KIE container {} from {}: {} rules in {} KIE bases in {} ms", containerId, jar, rules,
                kieContainer.getKieBaseNames().size(), millis);
        return new DeployedContainer(containerId, releaseId, alias, kieContainer, clock.instant(), message);
    }

    private static void checkId(String containerId) {
        if (containerId == null || !CONTAINER_ID.matcher(containerId).matches()) {
            throw new InvalidFieldException("containerId", containerId, "a container id is 1 to 100 letters, digits, "
                    + "'.', '_', ':' and '-'; got '" + containerId + "'");
        }
        // POST containers/instances/{id} runs batches, so a container named "instances" would make
        // POST containers/instances/release-id ambiguous.
        if (containerId.equals("instances")) {
            throw new InvalidFieldException("containerId", containerId, "'instances' is reserved by the KIE Server "
                    + "paths; choose another container id");
        }
    }
}
