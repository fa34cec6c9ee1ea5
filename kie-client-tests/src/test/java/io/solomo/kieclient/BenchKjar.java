package io.solomo.kieclient;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The kjar of the KIE Server 7 anchor benchmark ({@code shared/bench/kie-server-7}): 1,000 offer rules in a
 * decision table over the facts {@code bench.solomo.Customer} and {@code bench.solomo.OfferCandidate}. Built here
 * from its sources with the JDK's compiler, without the Drools 7 kie-maven-plugin, into a temporary folder; the
 * shared folder is only read.
 */
final class BenchKjar {

    static final String GROUP_ID = "bench.solomo";
    static final String ARTIFACT_ID = "offers-kjar";
    static final String VERSION = "1.0.0";

    private final Path benchFolder;
    private final Path classes;
    private final byte[] jar;

    private BenchKjar(Path benchFolder, Path classes, byte[] jar) {
        this.benchFolder = benchFolder;
        this.classes = classes;
        this.jar = jar;
    }

    /** Returns the benchmark folder beside the checkout ({@code ../shared/bench/kie-server-7}), when present. */
    static Optional<Path> benchFolder() {
        Path folder = Path.of("").toAbsolutePath();
        while (folder != null) {
            Path candidate = folder.resolveSibling("shared").resolve("bench").resolve("kie-server-7");
            if (Files.isDirectory(candidate.resolve("kjar"))) {
                return Optional.of(candidate);
            }
            folder = folder.getParent();
        }
        return Optional.empty();
    }

    /** Compiles the fact classes into {@code workFolder} and packs them with the rules into a kjar. */
    static BenchKjar build(Path benchFolder, Path workFolder) throws IOException {
        Path sources = benchFolder.resolve("kjar/src/main/java");
        Path resources = benchFolder.resolve("kjar/src/main/resources");
        Path classes = Files.createDirectories(workFolder.resolve("classes"));

        List<String> javaFiles;
        try (Stream<Path> files = Files.walk(sources)) {
            javaFiles = files.filter(file -> file.toString().endsWith(".java")).map(Path::toString).toList();
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new java.util.ArrayList<>(List.of("-d", classes.toString(), "--release", "17"));
        arguments.addAll(javaFiles);
        int status = compiler.run(null, null, null, arguments.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("javac failed with status " + status + " on " + javaFiles);
        }

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            addTree(zip, classes);
            addTree(zip, resources);
            String maven = "META-INF/maven/" + GROUP_ID + "/" + ARTIFACT_ID + "/";
            add(zip, maven + "pom.properties", ("groupId=" + GROUP_ID + "\nartifactId=" + ARTIFACT_ID
                    + "\nversion=" + VERSION + "\n").getBytes(StandardCharsets.UTF_8));
            add(zip, maven + "pom.xml", Files.readAllBytes(benchFolder.resolve("kjar/pom.xml")));
        }
        return new BenchKjar(benchFolder, classes, bytes.toByteArray());
    }

    byte[] jar() {
        return jar;
    }

    /** A class loader that sees the kjar's fact classes, for the client's JSON marshalling. */
    URLClassLoader factClassLoader(ClassLoader parent) {
        try {
            return new URLClassLoader(new URL[]{classes.toUri().toURL()}, parent);
        } catch (MalformedURLException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    Path requests() {
        return benchFolder.resolve("requests");
    }

    private static void addTree(ZipOutputStream zip, Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                add(zip, root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        } catch (UncheckedIOException failed) {
            throw failed.getCause();
        }
    }

    private static void add(ZipOutputStream zip, String path, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(path));
        zip.write(content);
        zip.closeEntry();
    }
}
