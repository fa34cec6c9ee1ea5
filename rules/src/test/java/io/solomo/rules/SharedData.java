package io.solomo.rules;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the third-party inputs in {@code shared/data} beside the checkout, which the tests skip when it is absent. */
final class SharedData {

    static final String ABSENT = "shared/data is absent: place the shared folder beside the checkout "
            + "(../shared/data) to run this test";

    private SharedData() {
    }

    /** Returns a file or folder of shared/data, such as {@code decision-tables}, or empty when it is absent. */
    static Optional<Path> path(String relative) {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null) {
            Path candidate = directory.resolveSibling("shared").resolve("data").resolve(relative);
            if (Files.exists(candidate)) {
                return Optional.of(candidate);
            }
            directory = directory.getParent();
        }
        return Optional.empty();
    }
}
