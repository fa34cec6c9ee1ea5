package io.solomo.decision.kie;

import io.solomo.decision.web.ContentTooLargeException;
import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.NotStoredException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Finds the kjar of a release id: first among the uploaded kjars, then in the local Maven repository. Both are read
 * with the Maven layout {@code group/as/folders/artifact/version/artifact-version.jar}.
 *
 * <p>NOTE: Only the kjar itself is resolved, never its Maven dependencies: fact classes must be inside the kjar,
 * where the Drools 7 kie-maven-plugin puts a project's own classes. A remote repository is never contacted.
 */
@Component
class KjarRepository {

    private static final Logger log = LoggerFactory.getLogger(KjarRepository.class);
    private static final String KMODULE = "META-INF/kmodule.xml";

    private final KieServerProperties properties;

    KjarRepository(KieServerProperties properties) {
        this.properties = properties;
    }

    /** Returns the kjar file of the release id, or empty when neither folder holds it. */
    Optional<Path> find(KieReleaseId releaseId) {
        for (Path repository : List.of(properties.kjarFolder(), properties.mavenRepository())) {
            Path jar = layout(repository, releaseId);
            if (Files.isRegularFile(jar)) {
                return Optional.of(jar);
            }
        }
        return Optional.empty();
    }

    /** Describes where {@link #find} looked, for error messages. */
    String searched(KieReleaseId releaseId) {
        return layout(properties.kjarFolder(), releaseId).toAbsolutePath() + " (uploaded kjars) and "
                + layout(properties.mavenRepository(), releaseId).toAbsolutePath() + " (local Maven repository)";
    }

    /**
     * Stores an uploaded kjar under the release id of its {@code META-INF/maven/.../pom.properties}, replacing an
     * earlier upload of the same release id. Containers already created keep the rules they loaded.
     *
     * <p>The kjar is written to a temporary file, built from it as a container would be built, and only then moved
     * over the stored file. A kjar whose rules do not build therefore leaves the stored file as it was, and the
     * containers recorded with that release id still build when a node restarts or reloads them.
     *
     * @throws InvalidFieldException    when the bytes are not a jar, or it lacks {@code META-INF/kmodule.xml} or exactly
     *                                  one {@code pom.properties}, or its {@code kmodule.xml} is invalid, or its KIE
     *                                  bases hold no rule; nothing is stored then
     * @throws KjarBuildException       when its rules do not build; nothing is stored then
     * @throws ContentTooLargeException when the kjar is larger than {@code solomo.kie.max-kjar-size}
     * @throws NotStoredException       when the file cannot be written under {@code solomo.kie.kjar-folder}, for
     *                                  example because the folder is not writable. The API returns it as a 503 problem.
     */
    KieReleaseId store(byte[] kjar) {
        if (kjar == null || kjar.length == 0) {
            throw new InvalidFieldException("body", null, "the request body is empty; send the kjar file itself");
        }
        if (kjar.length > properties.maxKjarSize().toBytes()) {
            throw new ContentTooLargeException(properties.maxKjarSize().toBytes(), "solomo.kie.max-kjar-size");
        }
        KieReleaseId releaseId = releaseIdOf(kjar);

        Path target = layout(properties.kjarFolder(), releaseId);
        Path partial = writePartial(releaseId, target, kjar);
        try {
            long started = System.nanoTime();
            int rules = KjarBuilder.check("body", null, releaseId, partial);
            long millis = (System.nanoTime() - started) / 1_000_000;
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            log.info("Stored uploaded kjar {} ({} bytes, {} rules built in {} ms)", releaseId, kjar.length, rules,
                    millis);
        } catch (IOException failed) {
            throw notStored(releaseId, target, failed);
        } finally {
            deletePartial(partial);
        }
        return releaseId;
    }

    /**
     * Writes the kjar to a new temporary file beside its target. The name ends with {@code .jar}, because Drools reads
     * a kjar file's {@code kmodule.xml} only through a {@code jar:...jar!/} URL.
     */
    private Path writePartial(KieReleaseId releaseId, Path target, byte[] kjar) {
        try {
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), releaseId.artifactId() + "-", ".upload.jar");
            Files.write(partial, kjar);
            return partial;
        } catch (IOException failed) {
            throw notStored(releaseId, target, failed);
        }
    }

    private NotStoredException notStored(KieReleaseId releaseId, Path target, IOException failed) {
        return new NotStoredException("could not store kjar " + releaseId + " as " + target.toAbsolutePath()
                + ": " + reason(failed) + "; check that solomo.kie.kjar-folder ("
                + properties.kjarFolder().toAbsolutePath() + ") is a folder the server may write to", failed);
    }

    /** Deletes the temporary file of an upload that was rejected or failed; after a move it is already gone. */
    private static void deletePartial(Path partial) {
        try {
            Files.deleteIfExists(partial);
        } catch (IOException failed) {
            log.warn("Could not delete the temporary kjar file {}: {}", partial.toAbsolutePath(), reason(failed));
        }
    }

    /** Describes a file system failure without the exception class, for a problem detail. */
    private static String reason(IOException failed) {
        if (failed instanceof FileAlreadyExistsException exists) {
            return exists.getFile() + " exists and is not a folder";
        }
        if (failed instanceof AccessDeniedException denied) {
            return "permission denied on " + denied.getFile();
        }
        if (failed instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getFile() + ": " + fileSystem.getReason();
        }
        return String.valueOf(failed.getMessage());
    }

    private static KieReleaseId releaseIdOf(byte[] kjar) {
        boolean hasKmodule = false;
        List<Properties> poms = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(kjar))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String name = entry.getName();
                if (name.equals(KMODULE)) {
                    hasKmodule = true;
                } else if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")) {
                    Properties pom = new Properties();
                    pom.load(zip);
                    poms.add(pom);
                }
            }
        } catch (ZipException | IllegalArgumentException notZip) {
            throw new InvalidFieldException("body", null, "the request body is not a jar file: " + notZip.getMessage());
        } catch (IOException unreadable) {
            throw new InvalidFieldException("body", null, "the jar could not be read: " + unreadable.getMessage());
        }

        if (!hasKmodule && poms.isEmpty()) {
            throw new InvalidFieldException("body", null, "the request body is not a kjar: it has neither "
                    + KMODULE + " nor META-INF/maven/.../pom.properties");
        }
        if (!hasKmodule) {
            throw new InvalidFieldException("body", null, "the jar has no " + KMODULE + "; build it as a kjar");
        }
        if (poms.size() != 1) {
            throw new InvalidFieldException("body", poms.size(), "the kjar must hold exactly one "
                    + "META-INF/maven/<group>/<artifact>/pom.properties naming its release id; found " + poms.size());
        }
        Properties pom = poms.get(0);
        return new KieReleaseId(pom.getProperty("groupId"), pom.getProperty("artifactId"), pom.getProperty("version"));
    }

    private static Path layout(Path repository, KieReleaseId releaseId) {
        Path folder = repository;
        for (String part : releaseId.groupId().split("\\.")) {
            folder = folder.resolve(part);
        }
        return folder.resolve(releaseId.artifactId()).resolve(releaseId.version())
                .resolve(releaseId.artifactId() + "-" + releaseId.version() + ".jar");
    }
}
