package io.solomo.decision.profile;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Directions links in stored decisions. A link starts at the position the person reported, so erasure and retention
 * remove it with the person's location fixes.
 */
public final class RouteLinks {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RouteLinks() {
    }

    /** Returns the offers of a stored decision ({@code offers_json}) with their directions links removed. */
    public static String removedFrom(String offersJson) {
        JsonNode offers = JSON.readTree(offersJson);
        for (JsonNode offer : offers) {
            if (offer instanceof ObjectNode object && object.has("routeUrl")) {
                object.putNull("routeUrl");
            }
        }
        return offers.toString();
    }
}
