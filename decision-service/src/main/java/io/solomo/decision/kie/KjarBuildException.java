package io.solomo.decision.kie;

import io.solomo.decision.web.InvalidFieldException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Thrown when the rules of a kjar do not build. The 400 problem lists each build error in {@code errors}. Its
 * {@code detail} and the log entry repeat them on one line, cut to the 1,000 characters of a problem detail.
 */
final class KjarBuildException extends InvalidFieldException {

    /** The maximum number of build errors listed, so that a broken table of thousands of rows gets a short problem. */
    static final int MAX_LISTED_ERRORS = 100;

    private final transient List<BuildError> errors;

    /**
     * @param field     the request field that brought the kjar: {@code body} for an upload, {@code release-id} for a
     *                  container
     * @param value     the value of that field to repeat in the problem, or null
     * @param releaseId the release id of the kjar
     * @param errors    the build errors, at least one. Only the first {@value #MAX_LISTED_ERRORS} are listed.
     */
    KjarBuildException(String field, Object value, KieReleaseId releaseId, List<BuildError> errors) {
        super(field, value, describe(releaseId, errors));
        this.errors = List.copyOf(errors.subList(0, Math.min(errors.size(), MAX_LISTED_ERRORS)));
    }

    private static String describe(KieReleaseId releaseId, List<BuildError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a kjar build failure needs at least one error");
        }
        String listed = errors.stream().limit(MAX_LISTED_ERRORS).map(BuildError::toString)
                .collect(Collectors.joining("; "));
        String unlisted = errors.size() > MAX_LISTED_ERRORS
                ? "; and " + (errors.size() - MAX_LISTED_ERRORS) + " more errors" : "";
        return "the rules of kjar " + releaseId + " do not build: " + listed + unlisted;
    }

    @Override
    public Map<String, Object> problemProperties() {
        return Map.of("errors", errors.stream().map(BuildError::toJson).toList());
    }

    /**
     * One error that Drools reports while building a kjar.
     *
     * @param path    the resource path inside the kjar, such as {@code org/example/rules.drl}, or null when the error
     *                concerns no single resource
     * @param line    the 1-based line in that resource, or 0 when Drools gives none
     * @param message what is wrong, on one line
     */
    record BuildError(String path, int line, String message) {

        private static final Pattern TAGGED_MESSAGE = Pattern.compile("\\[([^\\]\\s]+)]\\s*(.+)");

        /**
         * Returns the error with its message on one line, because Drools writes some errors over several lines. An
         * error without a path takes it from a message that starts with {@code [path]}, as Drools 10.2 writes the
         * failure to read a decision table.
         */
        static BuildError of(String path, int line, String message) {
            String oneLine = message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
            if (path == null || path.isBlank()) {
                Matcher tagged = TAGGED_MESSAGE.matcher(oneLine);
                return tagged.matches()
                        ? new BuildError(tagged.group(1), Math.max(line, 0), tagged.group(2))
                        : new BuildError(null, Math.max(line, 0), oneLine);
            }
            return new BuildError(path, Math.max(line, 0), oneLine);
        }

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("path", path);
            if (line > 0) {
                json.put("line", line);
            }
            json.put("message", message);
            return json;
        }

        @Override
        public String toString() {
            if (path == null) {
                return message;
            }
            if (line > 0) {
                return path + " line " + line + ": " + message;
            }
            return path + ": " + message;
        }
    }
}
