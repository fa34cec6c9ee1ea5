package io.solomo.decision.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the third-party inputs that tests read but the project does not ship: a {@code shared/data} folder beside
 * the checkout (the checkout's parent holds {@code shared/}).
 */
public final class SharedData {

    private SharedData() {
    }

    /** Returns the file under {@code shared/data}, or empty when the folder or the file is absent. */
    public static Optional<Path> file(String relativePath) {
        Path folder = Path.of("").toAbsolutePath();
        while (folder != null) {
            Path candidate = folder.resolveSibling("shared").resolve("data").resolve(relativePath);
            if (Files.isReadable(candidate)) {
                return Optional.of(candidate);
            }
            folder = folder.getParent();
        }
        return Optional.empty();
    }

    /** The message a test gives when it is skipped for lack of the file. */
    public static String absent(String relativePath) {
        return "shared/data/" + relativePath + " is absent: place the shared folder beside the checkout "
                + "(../shared/data) to run this test";
    }
}
