package io.solomo.decision.kie;

import io.solomo.decision.web.InvalidFieldException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.regex.Pattern;

/** A Maven coordinate of a kjar, as KIE Server's {@code release-id}. */
record KieReleaseId(String groupId, String artifactId, String version) {

    // Each part becomes a folder or file name in a repository, so path separators and ".." must never get through.
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    KieReleaseId {
        check("release-id.group-id", groupId);
        check("release-id.artifact-id", artifactId);
        check("release-id.version", version);
    }

    /**
     * Reads {@code {"group-id": ..., "artifact-id": ..., "version": ...}}.
     *
     * @param field the JSON path of the object in the request, {@code release-id}, or empty when it is the whole body
     */
    static KieReleaseId fromJson(JsonNode node, String field) {
        String name = field.isEmpty() ? "release-id" : field;
        if (node == null || !node.isObject()) {
            throw new InvalidFieldException(name, node == null ? null : node.toString(),
                    name + " is missing; give {\"group-id\": ..., \"artifact-id\": ..., \"version\": ...}");
        }
        return new KieReleaseId(BatchReader.text(node, "group-id", field),
                BatchReader.text(node, "artifact-id", field), BatchReader.text(node, "version", field));
    }

    ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("group-id", groupId);
        node.put("artifact-id", artifactId);
        node.put("version", version);
        return node;
    }

    @Override
    public String toString() {
        return groupId + ":" + artifactId + ":" + version;
    }

    private static void check(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, value, field + " is missing");
        }
        if (!PART.matcher(value).matches() || value.contains("..")) {
            throw new InvalidFieldException(field, value, field + " must be a Maven coordinate of letters, digits, "
                    + "'.', '_' and '-'; got '" + value + "'");
        }
    }
}
