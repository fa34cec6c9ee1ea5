package io.solomo.decision.store;

import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v1/stores} through the running server, on the demo stores (chain "Demo Marché" and the florist
 * {@code fleurs-du-canal}) and on stores of a chain of this test's own. Other test classes of the shared context
 * import stores too, so checks on the whole list look for the stores they know, not at its size.
 */
class StoreListIntegrationTests extends DemoServer {

    private static final String DEMO_CHAIN = "Demo Marché";
    private static final String TEST_CHAIN = "Liste Épicerie";
    private static final List<String> TEST_CHAIN_IDS = List.of("list-a", "list-b", "list-c", "node/41", "way/7");

    @BeforeEach
    void importTestChain() {
        ApiClient.Response imported = marketer().post("/api/v1/stores/import", """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "id": "way/7", "properties": {"name": "Liste Sept", "brand": "%1$s",
                   "opening_hours": "24/7"},
                   "geometry": {"type": "Point", "coordinates": [2.35, 48.85]}},
                  {"type": "Feature", "id": "list-c", "properties": {"name": "Liste C", "brand": "%1$s"},
                   "geometry": {"type": "Point", "coordinates": [2.36, 48.85]}},
                  {"type": "Feature", "id": "list-a", "properties": {"name": "Liste A", "brand": "%1$s",
                   "timezone": "America/Cayenne"},
                   "geometry": {"type": "Point", "coordinates": [2.37, 48.85]}},
                  {"type": "Feature", "id": "node/41", "properties": {"name": "Liste 41", "brand": "%1$s"},
                   "geometry": {"type": "Point", "coordinates": [2.38, 48.85]}},
                  {"type": "Feature", "id": "list-b", "properties": {"name": "Liste B", "brand": "%1$s"},
                   "geometry": {"type": "Point", "coordinates": [2.39, 48.85]}}
                ]}""".formatted(TEST_CHAIN));
        assertThat(imported.status()).as(imported.text()).isEqualTo(200);
        assertThat(imported.json().get("imported").asInt()).isEqualTo(TEST_CHAIN_IDS.size());
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static List<String> ids(JsonNode stores) {
        List<String> ids = new ArrayList<>();
        for (JsonNode store : stores) {
            ids.add(store.get("storeId").asString());
        }
        return ids;
    }

    private static JsonNode store(JsonNode stores, String storeId) {
        for (JsonNode store : stores) {
            if (store.get("storeId").asString().equals(storeId)) {
                return store;
            }
        }
        throw new AssertionError("store " + storeId + " is missing from " + stores);
    }

    private ApiClient storeManager() {
        return ApiClient.on(port).as("store-bastille", PASSWORD);
    }

    private ApiClient agency() {
        return ApiClient.on(port).as("agency-demo-marche", PASSWORD);
    }

    @Test
    void listSortedByIdWithSummary() {
        ApiClient.Response response = marketer().get("/api/v1/stores?limit=500");

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode stores = response.json();
        List<String> ids = ids(stores);
        assertThat(ids).contains("demo-bastille", "demo-maubert", "demo-republique", "fleurs-du-canal");
        assertThat(ids).containsAll(TEST_CHAIN_IDS);
        assertThat(ids).isSorted();

        JsonNode bastille = store(stores, "demo-bastille");
        assertThat(bastille.get("name").asString()).isEqualTo("Demo Marché Bastille");
        assertThat(bastille.get("chain").asString()).isEqualTo(DEMO_CHAIN);
        assertThat(bastille.get("timeZone").asString()).isEqualTo("Europe/Paris");
        assertThat(bastille.get("latitude").isNumber()).isTrue();
        assertThat(bastille.get("longitude").isNumber()).isTrue();
        // The list carries no geofence: GET /api/v1/stores/{storeId} returns it.
        assertThat(bastille.has("geofence")).isFalse();

        assertThat(store(stores, "way/7").get("openNow").asBoolean()).isTrue();
        assertThat(store(stores, "list-b").has("openNow")).isTrue();
        assertThat(store(stores, "list-b").get("openNow").isNull()).isTrue();
        assertThat(store(stores, "list-a").get("timeZone").asString()).isEqualTo("America/Cayenne");
        assertThat(store(stores, "fleurs-du-canal").get("chain").isNull()).isTrue();
    }

    @Test
    void listOpenToReadingRoles() {
        assertThat(anonymous().get("/api/v1/stores").status()).isEqualTo(401);
        for (String user : List.of("app", "analyst", "marketer", "admin", "store-bastille")) {
            ApiClient.Response response = ApiClient.on(port).as(user, PASSWORD).get("/api/v1/stores");
            assertThat(response.status()).as(user + ": " + response.text()).isEqualTo(200);
        }
    }

    @Test
    void chainFilterKeepsThatChain() {
        JsonNode testChain = marketer().get("/api/v1/stores?chain=" + encoded(TEST_CHAIN)).json();
        assertThat(ids(testChain)).containsExactly("list-a", "list-b", "list-c", "node/41", "way/7");

        JsonNode demoChain = marketer().get("/api/v1/stores?chain=" + encoded(DEMO_CHAIN)).json();
        assertThat(ids(demoChain)).contains("demo-bastille", "demo-maubert", "demo-republique")
                .doesNotContain("fleurs-du-canal", "list-a");
        for (JsonNode store : demoChain) {
            assertThat(store.get("chain").asString()).isEqualTo(DEMO_CHAIN);
        }

        JsonNode unknown = marketer().get("/api/v1/stores?chain=" + encoded("No Such Chain")).json();
        assertThat(unknown.size()).isZero();
    }

    @Test
    void pagesFollowAfter() {
        String chain = "/api/v1/stores?chain=" + encoded(TEST_CHAIN) + "&limit=2";

        JsonNode first = marketer().get(chain).json();
        assertThat(ids(first)).containsExactly("list-a", "list-b");
        JsonNode second = marketer().get(chain + "&after=list-b").json();
        assertThat(ids(second)).containsExactly("list-c", "node/41");
        JsonNode third = marketer().get(chain + "&after=" + encoded("node/41")).json();
        assertThat(ids(third)).containsExactly("way/7");
        JsonNode past = marketer().get(chain + "&after=" + encoded("way/7")).json();
        assertThat(past.size()).isZero();

        // An empty after reads the first page, as the console sends it.
        JsonNode emptyAfter = marketer().get(chain + "&after=").json();
        assertThat(ids(emptyAfter)).containsExactly("list-a", "list-b");
        // after need not be a store id: a page starts at the first id above it.
        JsonNode between = marketer().get(chain + "&after=list-bb").json();
        assertThat(ids(between)).containsExactly("list-c", "node/41");
    }

    @Test
    void storeManagerSeesOnlyItsStore() {
        ApiClient.Response response = storeManager().get("/api/v1/stores");

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(ids(response.json())).containsExactly("demo-bastille");
        assertThat(ids(storeManager().get("/api/v1/stores?chain=" + encoded(TEST_CHAIN)).json())).isEmpty();
        assertThat(ids(storeManager().get("/api/v1/stores?after=demo-bastille").json())).isEmpty();
    }

    @Test
    void agencySeesOnlyItsChain() {
        ApiClient.Response response = agency().get("/api/v1/stores?limit=500");

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode stores = response.json();
        assertThat(ids(stores)).contains("demo-bastille", "demo-maubert", "demo-republique")
                .doesNotContain("fleurs-du-canal")
                .doesNotContainAnyElementsOf(TEST_CHAIN_IDS);
        for (JsonNode store : stores) {
            assertThat(store.get("chain").asString()).as(store.toString()).isEqualTo(DEMO_CHAIN);
        }
        assertThat(ids(agency().get("/api/v1/stores?chain=" + encoded(TEST_CHAIN)).json())).isEmpty();

        JsonNode firstPage = agency().get("/api/v1/stores?chain=" + encoded(DEMO_CHAIN) + "&limit=1").json();
        assertThat(ids(firstPage)).containsExactly(ids(stores).get(0));
    }

    @Test
    void singleStoreStillServed() {
        ApiClient.Response bastille = storeManager().get("/api/v1/stores/demo-bastille");
        assertThat(bastille.status()).as(bastille.text()).isEqualTo(200);
        assertThat(bastille.json().get("storeId").asString()).isEqualTo("demo-bastille");
        assertThat(bastille.json().get("geofence").get("type").asString()).isEqualTo("Point");

        ApiClient.Response osm = marketer().get("/api/v1/stores/way/7");
        assertThat(osm.status()).as(osm.text()).isEqualTo(200);
        assertThat(osm.json().get("storeId").asString()).isEqualTo("way/7");

        ApiClient.Response missing = marketer().get("/api/v1/stores/no-such-store");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("detail").asString()).contains("no-such-store");
    }

    @Test
    void invalidParametersRejected() {
        String longText = "x".repeat(201);
        // Problems echo at most 200 characters of a value.
        String echoedLongText = "x".repeat(200) + "... (201 characters)";
        record Case(String query, String field, String value) {
        }
        List<Case> cases = List.of(
                new Case("limit=0", "limit", "0"),
                new Case("limit=501", "limit", "501"),
                new Case("limit=-3", "limit", "-3"),
                new Case("limit=many", "limit", "many"),
                new Case("chain=", "chain", ""),
                new Case("chain=%20%20", "chain", "  "),
                new Case("chain=" + longText, "chain", echoedLongText),
                new Case("chain=a%00b", "chain", "a\u0000b"),
                new Case("after=" + longText, "after", echoedLongText),
                new Case("after=a%00b", "after", "a\u0000b"));

        for (Case invalid : cases) {
            ApiClient.Response response = marketer().get("/api/v1/stores?" + invalid.query());

            assertThat(response.status()).as(invalid.query() + ": " + response.text()).isEqualTo(400);
            JsonNode problem = response.json();
            assertThat(problem.get("field").asString()).as(invalid.query()).isEqualTo(invalid.field());
            assertThat(problem.get("value").asString()).as(invalid.query()).isEqualTo(invalid.value());
            assertThat(problem.get("detail").asString()).as(invalid.query()).contains(invalid.field());
        }
    }
}
