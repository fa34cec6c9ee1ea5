package io.solomo.decision.kie;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;

import static io.solomo.decision.kie.FactMarshaller.NODES;

/**
 * KIE Server 7's response envelope, {@code {"type": "SUCCESS", "msg": ..., "result": {<result name>: ...}}}, and
 * the resources inside it, written as a KIE Server 7.74 writes them with JSON marshalling.
 */
final class KieResponses {

    private KieResponses() {
    }

    static ResponseEntity<byte[]> success(HttpStatus status, String message, String resultName, JsonNode result) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(bytes(message, resultName, result));
    }

    static ResponseEntity<byte[]> success(String message, String resultName, JsonNode result) {
        return success(HttpStatus.OK, message, resultName, result);
    }

    /** Serialises a success envelope to the bytes of a response. */
    static byte[] bytes(String message, String resultName, JsonNode result) {
        return FactMarshaller.write(envelope(message, resultName, result));
    }

    /** Returns the success envelope, to be written with {@link FactMarshaller#writer()}. */
    static ObjectNode envelope(String message, String resultName, JsonNode result) {
        ObjectNode envelope = NODES.objectNode();
        envelope.put("type", "SUCCESS");
        envelope.put("msg", message);
        if (resultName == null) {
            envelope.putNull("result");
        } else {
            ObjectNode named = NODES.objectNode();
            named.set(resultName, result);
            envelope.set("result", named);
        }
        return envelope;
    }

    /** A {@code kie-container} resource. */
    static ObjectNode container(DeployedContainer container) {
        ObjectNode scanner = NODES.objectNode();
        scanner.put("status", "DISPOSED");
        scanner.putNull("poll-interval");

        ObjectNode resource = NODES.objectNode();
        resource.put("container-id", container.id());
        resource.set("release-id", container.releaseId().toJson());
        resource.set("resolved-release-id", container.releaseId().toJson());
        resource.put("status", "STARTED");
        resource.set("scanner", scanner);
        resource.set("config-items", NODES.arrayNode());
        resource.set("messages", messages(container.createdAt(), container.createdMessage()));
        resource.put("container-alias", container.alias());
        return resource;
    }

    /** A list of one INFO message, with its timestamp as KIE Server writes a {@code java.util.Date}. */
    static ArrayNode messages(Instant timestamp, String content) {
        ObjectNode date = NODES.objectNode();
        date.put("java.util.Date", timestamp.toEpochMilli());
        ObjectNode message = NODES.objectNode();
        message.put("severity", "INFO");
        message.set("timestamp", date);
        message.set("content", NODES.arrayNode().add(content));
        return NODES.arrayNode().add(message);
    }
}
