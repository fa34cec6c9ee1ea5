package io.solomo.decision.kie;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import io.solomo.decision.support.RawRequests;
import io.solomo.decision.support.SharedData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The KIE Server REST contract over HTTP, checked against the request and response samples of the KIE
 * documentation. The samples' facts come from a kjar built by {@link TestKjars} and uploaded by each test run.
 */
@TestPropertySource(properties = {
        "solomo.kie.kjar-folder=target/kie-test-kjars",
        "solomo.kie.maven-repository=target/kie-test-empty-m2",
        "solomo.kie.max-batch-size=64KB",
        "solomo.kie.max-kjar-size=1MB"
})
class KieServerIntegrationTests extends DemoServer {

    private static final String PREFIX = "/services/rest/server";
    private static final String SAMPLES = "kie-server-json/";
    private static final String JAR = "application/java-archive";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonMapper DECIMALS = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    @Autowired
    MeterRegistry meters;

    @Autowired
    KjarRepository kjars;

    @Autowired
    KieContainerRecords containerRecords;

    @Autowired
    KieContainers containers;

    @BeforeEach
    void createSamplesContainer() {
        ApiClient analyst = analyst();
        analyst.post(PREFIX + "/kjars", TestKjars.samplesKjar("io.solomo.test", "samples", "1.0.0"), JAR);
        if (analyst.get(PREFIX + "/containers/samples").status() == 404) {
            ApiClient.Response created = analyst.put(PREFIX + "/containers/samples", """
                    {"release-id": {"group-id": "io.solomo.test", "artifact-id": "samples", "version": "1.0.0"}}""");
            assertThat(created.status()).as(created.text()).isEqualTo(201);
        }
    }

    @Test
    void serverInfoListsBrmCapability() {
        JsonNode sample = sampleResponse("kiedocs-containers-01-get-example-server-response-json.json");

        ApiClient.Response response = app().get(PREFIX);

        assertThat(response.status()).isEqualTo(200);
        JsonNode info = response.json().get("result").get("kie-server-info");
        assertThat(response.json().get("type").asString()).isEqualTo("SUCCESS");
        assertThat(response.json().get("msg").asString()).isEqualTo(sample.get("msg").asString());
        assertThat(info.get("capabilities").valueStream().map(JsonNode::asString)).contains("KieServer", "BRM");
        sample.get("result").get("kie-server-info").propertyNames()
                .forEach(name -> assertThat(info.has(name)).as("kie-server-info." + name).isTrue());
        assertThat(info.get("location").asString()).endsWith(PREFIX);
    }

    @Test
    void containerLifecycleFollowsSamples() {
        ApiClient analyst = analyst();
        analyst.post(PREFIX + "/kjars", TestKjars.samplesKjar("com.redhat", "Project1", "1.0"), JAR);
        analyst.post(PREFIX + "/kjars", TestKjars.samplesKjar("com.redhat", "Project1", "1.1"), JAR);
        String path = PREFIX + "/containers/MyProjectContainer";

        ApiClient.Response created = analyst.put(path,
                sampleText("kiedocs-containers-09-put-server-containers-containerid-example-request-body-json.json"));
        ApiClient.Response read = analyst.get(path);
        ApiClient.Response listed = analyst.get(PREFIX + "/containers");
        ApiClient.Response releaseId = analyst.get(path + "/release-id");
        ApiClient.Response updated = analyst.post(path + "/release-id",
                sampleText("kiedocs-containers-13-post-server-containers-containerid-release-id-example-request-body-jso.json"));
        ApiClient.Response disposed = analyst.delete(path);
        ApiClient.Response afterDispose = analyst.get(path);

        JsonNode createdSample = sampleResponse(
                "kiedocs-containers-10-put-server-containers-containerid-example-server-response-json.json");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().get("msg")).isEqualTo(createdSample.get("msg"));
        assertSameContainer(created.json().get("result").get("kie-container"),
                createdSample.get("result").get("kie-container"));

        JsonNode readSample = sampleResponse(
                "kiedocs-containers-08-get-server-containers-containerid-example-server-response-json.json");
        assertThat(read.json().get("msg")).isEqualTo(readSample.get("msg"));
        assertSameContainer(read.json().get("result").get("kie-container"),
                readSample.get("result").get("kie-containers").get("kie-container").get(0));

        JsonNode listSample = sampleResponse(
                "kiedocs-containers-07-get-server-containers-example-server-response-json.json");
        assertThat(listed.json().get("msg")).isEqualTo(listSample.get("msg"));
        assertThat(listed.json().get("result").get("kie-containers").get("kie-container").valueStream()
                .map(container -> container.get("container-id").asString())).contains("MyProjectContainer");

        JsonNode releaseIdSample = sampleResponse(
                "kiedocs-containers-12-get-server-containers-containerid-release-id-example-server-response-j.json");
        assertThat(releaseId.json().get("msg")).isEqualTo(releaseIdSample.get("msg"));
        assertThat(releaseId.json().get("result")).isEqualTo(releaseIdSample.get("result"));

        JsonNode updatedSample = sampleResponse(
                "kiedocs-containers-14-post-server-containers-containerid-release-id-example-server-response-.json");
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(updated.json().get("msg").asString()).isEqualTo("Release id successfully updated.");
        assertThat(updated.json().get("result").get("release-id")).isEqualTo(updatedSample.get("release-id"));

        JsonNode disposedSample = sampleResponse(
                "kiedocs-containers-11-delete-server-containers-containerid-example-server-response-json.json");
        assertThat(disposed.json()).isEqualTo(disposedSample);
        assertThat(afterDispose.status()).isEqualTo(404);
    }

    @Test
    void batchIsMeasuredUnderItsPathPattern() throws InterruptedException {
        ApiClient.Response response = app().post(PREFIX + "/containers/instances/no-such-container", """
                {"commands": [{"fire-all-rules": {}}]}""");

        assertThat(response.status()).as(response.text()).isEqualTo(404);
        // The metrics filter stops its timer after the servlet returns, which can be after the client has the
        // response, so the test polls for the timer.
        Timer timer = null;
        for (int attempt = 0; attempt < 50 && timer == null; attempt++) {
            timer = meters.find("http.server.requests")
                    .tags("uri", PREFIX + "/containers/instances/{containerId}", "method", "POST", "status", "404")
                    .timer();
            Thread.sleep(100);
        }
        assertThat(timer).isNotNull();
        assertThat(timer.count()).isPositive();
    }

    @Test
    void batchLargerThanTheLimitIsRejectedUnread() {
        String padding = "x".repeat(64 * 1024);
        ApiClient.Response response = app().post(PREFIX + "/containers/instances/samples",
                "{\"commands\": [{\"fire-all-rules\": {\"out-identifier\": \"" + padding + "\"}}]}");

        assertThat(response.status()).as(response.text()).isEqualTo(413);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:solomo:problem:content-too-large");
        assertThat(response.json().get("detail").asString())
                .isEqualTo("the request body is larger than the 65536 bytes this endpoint accepts "
                        + "(solomo.kie.max-batch-size)");
    }

    @Test
    void chunkedBatchLargerThanTheLimitIsRejected() throws Exception {
        byte[] body = ("{\"commands\": [{\"fire-all-rules\": {\"out-identifier\": \"" + "x".repeat(70_000)
                + "\"}}]}").getBytes(StandardCharsets.UTF_8);
        // A stream of unknown length goes out chunked, without Content-Length.
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + PREFIX
                        + "/containers/instances/samples"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("app:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.body()).contains("solomo.kie.max-batch-size");
    }

    @Test
    void batchSampleFiresRules() {
        JsonNode sample = sampleResponse(
                "kiedocs-runtime-cmd-02-batchexecutioncommand-example-server-response-json.json");

        ApiClient.Response response = app().post(PREFIX + "/containers/instances/samples",
                sampleText("kiedocs-runtime-cmd-01-batchexecutioncommand-example-json-request-body.json"));

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.json().get("type").asString()).isEqualTo("SUCCESS");
        assertThat(response.json().get("msg").asString()).isEqualTo("Container samples successfully called.");
        assertThat(response.json().get("result")).isEqualTo(sample.get("result"));
    }

    @Test
    void insertSampleReturnsFactHandle() {
        JsonNode sample = sampleResponse(
                "kiedocs-runtime-cmd-04-insertobjectcommand-example-server-response-json.json");

        ApiClient.Response response = app().post(PREFIX + "/containers/instances/samples",
                sampleText("kiedocs-runtime-cmd-03-insertobjectcommand-example-json-request-body.json"));

        JsonNode results = response.json().get("result").get("execution-results");
        JsonNode sampleFact = sample.get("result").get("execution-results").get("facts").get(0);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(results.get("results")).isEmpty();
        assertThat(results.get("facts").get(0).get("key")).isEqualTo(sampleFact.get("key"));
        assertThat(results.get("facts").get(0).get("value").propertyNames())
                .containsExactlyElementsOf(sampleFact.get("value").propertyNames());
        assertThat(results.get("facts").get(0).get("value").get("org.drools.core.common.DefaultFactHandle")
                .get("external-form").asString())
                .matches("0:\\d+:-?\\d+:-?\\d+:\\d+:my stream:NON_TRAIT:org.drools.compiler.test.Person");
    }

    @Test
    void getObjectsReturnsTypedFacts() {
        JsonNode sample = sampleResponse(
                "kiedocs-runtime-cmd-12-getobjectscommand-example-server-response-json.json");

        ApiClient.Response response = app().post(PREFIX + "/containers/instances/samples", """
                {"commands": [
                  {"insert": {"object": {"org.drools.compiler.test.Person": {"name": "john", "age": 25}}}},
                  {"get-objects": {"out-identifier": "objects"}}]}""");

        JsonNode result = response.json().get("result").get("execution-results").get("results").get(0);
        JsonNode sampleResult = sample.get("result").get("execution-results").get("results").get(0);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(result.get("key")).isEqualTo(sampleResult.get("key"));
        assertThat(result.get("value").valueStream()).containsExactly(sampleResult.get("value").get(1));
    }

    @Test
    void querySampleReturnsFlatQueryResults() {
        JsonNode sample = JSON.readTree(sampleText("kiedocs-runtime-cmd-26-querycommand-example-server-response-json.json"));
        JsonNode sampleResults = sample.get("result").get("execution-results").get("results").get(0);
        JsonNode sampleQuery = sampleResults.get("value").get("org.drools.core.runtime.rule.impl.FlatQueryResults");

        ApiClient.Response response = app().post(PREFIX + "/containers/instances/samples", """
                {"lookup": "ksession1", "commands": [
                  {"insert": {"object": {"org.kie.server.testing.Person": {"fullname": "John Doe", "age": 47}}}},
                  %s]}""".formatted(JSON.readTree(sampleText(
                "kiedocs-runtime-cmd-25-querycommand-example-json-request-body.json")).get("commands").get(0)));

        JsonNode results = response.json().get("result").get("execution-results").get("results").get(0);
        JsonNode query = results.get("value").get("org.drools.core.runtime.rule.impl.FlatQueryResults");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(results.get("key")).isEqualTo(sampleResults.get("key"));
        assertThat(query.get("idResultMaps")).isEqualTo(sampleQuery.get("idResultMaps"));
        assertThat(query.get("identifiers")).isEqualTo(sampleQuery.get("identifiers"));
        JsonNode handle = query.get("idFactHandleMaps").get("element").get(0).get("element").get(0);
        JsonNode sampleHandle = sampleQuery.get("idFactHandleMaps").get("element").get(0).get("element").get(0);
        assertThat(handle.get("key")).isEqualTo(sampleHandle.get("key"));
        assertThat(handle.get("value").propertyNames()).containsExactlyElementsOf(sampleHandle.get("value").propertyNames());
        assertThat(handle.get("value").get("org.drools.core.common.DisconnectedFactHandle").get("object"))
                .isEqualTo(sampleHandle.get("value").get("org.drools.core.common.DisconnectedFactHandle").get("object"));
    }

    @Test
    void queryWithParameterReturnsMatches() {
        ApiClient.Response response = app().post(PREFIX + "/containers/instances/samples", """
                {"commands": [
                  {"insert": {"object": {"org.kie.server.testing.Person": {"fullname": "John Doe", "age": 47}}}},
                  {"insert": {"object": {"org.kie.server.testing.Person": {"fullname": "Ann Lee", "age": 30}}}},
                  {"query": {"name": "olderThan", "arguments": [40], "out-identifier": "older"}}]}""");

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode rows = response.json().get("result").get("execution-results").get("results").get(0).get("value")
                .get("org.drools.core.runtime.rule.impl.FlatQueryResults").get("idResultMaps").get("element");
        assertThat(rows).hasSize(1);
    }

    @Test
    void queryWithTooManyArgumentsIsRejected() {
        ApiClient.Response response = app().post(PREFIX + "/containers/instances/samples", """
                {"commands": [
                  {"insert": {"object": {"org.kie.server.testing.Person": {"fullname": "John Doe", "age": 47}}}},
                  {"query": {"name": "olderThan", "arguments": [30, 40], "out-identifier": "older"}}]}""");

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:solomo:problem:invalid-field");
        assertThat(response.json().get("field").asString()).isEqualTo("commands[1].query.arguments");
        assertThat(response.json().get("value").asString()).isEqualTo("[30,40]");
        assertThat(response.json().get("detail").asString()).contains("takes 1 argument ($age)");
        assertThat(response.json().get("detail").asString()).contains("has 2");
    }

    @Test
    void queryWithoutArgumentsIsRejected() {
        ApiClient.Response response = app().post(PREFIX + "/containers/instances/samples", """
                {"commands": [{"query": {"name": "olderThan", "out-identifier": "older"}}]}""");

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("commands[0].query.arguments");
        assertThat(response.json().get("detail").asString()).contains("takes 1 argument");
        assertThat(response.json().get("detail").asString()).contains("has 0");
    }

    @Test
    void queryWithoutParametersRejectsArguments() {
        ApiClient.Response response = app().post(PREFIX + "/containers/instances/samples", """
                {"commands": [{"query": {"name": "persons", "arguments": ["x"], "out-identifier": "persons"}}]}""");

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("commands[0].query.arguments");
        assertThat(response.json().get("detail").asString()).contains("takes 0 arguments");
    }

    @Test
    void setGlobalOfWrongTypeIsRejected() {
        ApiClient.Response response = app().post(PREFIX + "/containers/instances/samples", """
                {"commands": [{"set-global": {"identifier": "names", "object": "text"}}]}""");

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:solomo:problem:invalid-field");
        assertThat(response.json().get("field").asString()).isEqualTo("commands[0].set-global.object");
        assertThat(response.json().get("value").asString()).isEqualTo("text");
        assertThat(response.json().get("detail").asString()).contains("java.util.List");
        assertThat(response.json().get("detail").asString()).contains("java.lang.String");
    }

    @Test
    void setGlobalOfOtherFactClassIsRejected() {
        ApiClient.Response response = app().post(PREFIX + "/containers/instances/samples", """
                {"commands": [{"set-global": {"identifier": "helper",
                  "object": {"org.drools.compiler.test.Person": {"name": "kyle", "age": 30}}}}]}""");

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("commands[0].set-global.object");
        assertThat(response.json().get("detail").asString()).contains("org.kie.server.testing.Person");
        assertThat(response.json().get("detail").asString()).contains("org.drools.compiler.test.Person");
    }

    @Test
    void setGlobalSampleReturnsValue() {
        JsonNode sample = JSON.readTree(
                sampleText("kiedocs-runtime-cmd-28-setglobalcommand-example-server-response-json.json"));

        ApiClient.Response response = app().post(PREFIX + "/containers/instances/samples",
                sampleText("kiedocs-runtime-cmd-27-setglobalcommand-example-json-request-body.json"));

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.json().get("result")).isEqualTo(sample.get("result"));
    }

    @Test
    void batchesDoNotShareFactsByDefault() {
        String insert = """
                {"commands": [{"insert": {"object": {"org.kie.server.testing.Person": {"fullname": "Ann", "age": 30}}}}]}""";
        String count = """
                {"commands": [{"get-objects": {"out-identifier": "objects",
                  "class-object-filter": {"string": "org.kie.server.testing.Person"}}}]}""";

        app().post(PREFIX + "/containers/instances/samples", insert);
        ApiClient.Response fresh = app().post(PREFIX + "/containers/instances/samples", count);

        assertThat(objects(fresh)).isEmpty();
    }

    @Test
    void parallelBatchesEachSeeOnlyTheirOwnFacts() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(8);
        List<Future<JsonNode>> answers = new ArrayList<>();
        for (int call = 0; call < 64; call++) {
            String name = "caller-" + call;
            answers.add(callers.submit(() -> objects(app().post(PREFIX + "/containers/instances/samples", """
                    {"commands": [{"insert": {"object": {"org.kie.server.testing.Person": {"fullname": "%s", "age": 30}}}},
                      {"get-objects": {"out-identifier": "objects",
                       "class-object-filter": {"string": "org.kie.server.testing.Person"}}}]}""".formatted(name)))));
        }

        List<String> seen = new ArrayList<>();
        for (Future<JsonNode> answer : answers) {
            JsonNode objects = answer.get(60, TimeUnit.SECONDS);
            assertThat(objects).hasSize(1);
            seen.add(objects.get(0).get("org.kie.server.testing.Person").get("fullname").asString());
        }
        callers.shutdown();

        assertThat(seen).containsExactlyElementsOf(IntStream.range(0, 64).mapToObj(call -> "caller-" + call).toList());
    }

    @Test
    void releaseIdUpdateLetsRunningBatchesFinish() throws Exception {
        ApiClient analyst = analyst();
        analyst.post(PREFIX + "/kjars", TestKjars.samplesKjar("io.solomo.test", "samples", "1.0.1"), JAR);
        ApiClient.Response created = analyst.put(PREFIX + "/containers/reloaded", """
                {"release-id": {"group-id": "io.solomo.test", "artifact-id": "samples", "version": "1.0.0"}}""");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String batch = """
                {"commands": [{"insert": {"object": {"org.kie.server.testing.Person": {"fullname": "Ann", "age": 30}}}},
                  {"fire-all-rules": {}},
                  {"get-objects": {"out-identifier": "objects"}}]}""";
        AtomicBoolean updating = new AtomicBoolean(true);
        ExecutorService callers = Executors.newFixedThreadPool(4);
        List<Future<List<String>>> failures = new ArrayList<>();
        for (int caller = 0; caller < 4; caller++) {
            failures.add(callers.submit(() -> {
                List<String> failed = new ArrayList<>();
                while (updating.get()) {
                    ApiClient.Response answer = app().post(PREFIX + "/containers/instances/reloaded", batch);
                    if (answer.status() != 200 || !answer.json().get("type").asString().equals("SUCCESS")) {
                        failed.add(answer.status() + " " + answer.text());
                    }
                }
                return failed;
            }));
        }

        List<Integer> updates = new ArrayList<>();
        for (int update = 0; update < 10; update++) {
            updates.add(analyst.post(PREFIX + "/containers/reloaded/release-id", """
                    {"group-id": "io.solomo.test", "artifact-id": "samples", "version": "1.0.%d"}"""
                    .formatted((update + 1) % 2)).status());
        }
        updating.set(false);
        List<String> failed = new ArrayList<>();
        for (Future<List<String>> caller : failures) {
            failed.addAll(caller.get(60, TimeUnit.SECONDS));
        }
        callers.shutdown();
        analyst.delete(PREFIX + "/containers/reloaded");

        assertThat(updates).containsOnly(200);
        assertThat(failed).isEmpty();
    }

    @Test
    void recordedContainersStartAgain() {
        ApiClient analyst = analyst();
        analyst.post(PREFIX + "/kjars", TestKjars.samplesKjar("io.solomo.test", "samples", "1.0.1"), JAR);
        ApiClient.Response created = analyst.put(PREFIX + "/containers/restarted", """
                {"container-alias": "again", "release-id": {"group-id": "io.solomo.test", "artifact-id": "samples",
                 "version": "1.0.0"}}""");
        ApiClient.Response updated = analyst.post(PREFIX + "/containers/restarted/release-id", """
                {"group-id": "io.solomo.test", "artifact-id": "samples", "version": "1.0.1"}""");
        containerRecords.created("lost-kjar", new KieReleaseId("io.solomo.test", "nowhere", "9.9"), null,
                Instant.parse("2026-12-01T00:00:00Z"));
        KieContainers afterRestart = new KieContainers(kjars, containerRecords, Clock.systemUTC());

        afterRestart.run(null);

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        try {
            DeployedContainer restarted = afterRestart.get("restarted");
            assertThat(restarted.releaseId()).isEqualTo(new KieReleaseId("io.solomo.test", "samples", "1.0.1"));
            assertThat(restarted.alias()).isEqualTo("again");
            assertThat(afterRestart.list()).extracting(DeployedContainer::id).doesNotContain("lost-kjar");
        } finally {
            afterRestart.disposeAll();
        }
    }

    @Test
    void containersFollowOtherNodesRecords() {
        analyst().post(PREFIX + "/kjars", TestKjars.samplesKjar("io.solomo.test", "samples", "1.0.1"), JAR);
        String batch = """
                {"commands": [{"insert": {"object": {"org.kie.server.testing.Person": {"fullname": "Ann", "age": 30}}}}]}""";

        containerRecords.created("elsewhere", new KieReleaseId("io.solomo.test", "samples", "1.0.0"), null,
                Instant.parse("2026-12-01T00:00:00Z"));
        containers.followRecords();
        ApiClient.Response createdElsewhere = app().post(PREFIX + "/containers/instances/elsewhere", batch);
        containerRecords.releaseIdUpdated("elsewhere", new KieReleaseId("io.solomo.test", "samples", "1.0.1"));
        containers.followRecords();
        KieReleaseId updatedElsewhere = containers.get("elsewhere").releaseId();
        containerRecords.disposed("elsewhere");
        containers.followRecords();
        ApiClient.Response disposedElsewhere = app().post(PREFIX + "/containers/instances/elsewhere", batch);

        assertThat(createdElsewhere.status()).as(createdElsewhere.text()).isEqualTo(200);
        assertThat(updatedElsewhere).isEqualTo(new KieReleaseId("io.solomo.test", "samples", "1.0.1"));
        assertThat(disposedElsewhere.status()).isEqualTo(404);
    }

    @Test
    void containerOfOtherNodeIsNotReplaced() {
        ApiClient analyst = analyst();
        analyst.post(PREFIX + "/kjars", TestKjars.samplesKjar("io.solomo.test", "samples", "1.0.1"), JAR);
        String containerId = "other-node-" + UUID.randomUUID();
        KieReleaseId otherNodes = new KieReleaseId("io.solomo.test", "samples", "1.0.0");
        containerRecords.created(containerId, otherNodes, null, Instant.parse("2026-12-01T00:00:00Z"));

        ApiClient.Response created = analyst.put(PREFIX + "/containers/" + containerId, """
                {"release-id": {"group-id": "io.solomo.test", "artifact-id": "samples", "version": "1.0.1"}}""");

        assertThat(created.status()).as(created.text()).isEqualTo(400);
        assertThat(created.json().get("field").asString()).isEqualTo("containerId");
        assertThat(created.json().get("detail").asString()).contains("already exists");
        assertThat(containerRecords.all()).filteredOn(record -> record.containerId().equals(containerId))
                .extracting(KieContainerRecords.Recorded::releaseId).containsExactly(otherNodes);
        containerRecords.disposed(containerId);
        containers.followRecords();
    }

    @Test
    void releaseIdFailedBeforeIsFollowedLater() {
        ApiClient analyst = analyst();
        String artifact = "late-" + UUID.randomUUID();
        analyst.post(PREFIX + "/kjars", TestKjars.samplesKjar("io.solomo.test", artifact, "1.0.0"), JAR);
        String containerId = "follows-" + artifact;
        String createBody = """
                {"release-id": {"group-id": "io.solomo.test", "artifact-id": "%s", "version": "1.0.0"}}"""
                .formatted(artifact);
        analyst.put(PREFIX + "/containers/" + containerId, createBody);
        KieReleaseId late = new KieReleaseId("io.solomo.test", artifact, "1.0.1");
        containerRecords.releaseIdUpdated(containerId, late);
        containers.followRecords();
        ApiClient.Response afterFailure = app().post(PREFIX + "/containers/instances/" + containerId, """
                {"commands": [{"fire-all-rules": {}}]}""");
        ApiClient.Response createdAgain = analyst.put(PREFIX + "/containers/" + containerId, createBody);
        analyst.post(PREFIX + "/kjars", TestKjars.samplesKjar("io.solomo.test", artifact, "1.0.1"), JAR);

        containerRecords.releaseIdUpdated(containerId, late);
        containers.followRecords();

        assertThat(afterFailure.status()).as("no batch runs the rules of 1.0.0 once 1.0.1 is recorded")
                .isEqualTo(404);
        assertThat(createdAgain.status()).as(createdAgain.text()).isEqualTo(201);
        assertThat(containers.get(containerId).releaseId())
                .as("the kjar that failed before is here now, and another node recorded it again").isEqualTo(late);
        analyst.delete(PREFIX + "/containers/" + containerId);
    }

    @Test
    void updateOfContainerDisposedElsewhereIsNotFound() {
        ApiClient analyst = analyst();
        String containerId = "disposed-elsewhere-" + UUID.randomUUID();
        analyst.put(PREFIX + "/containers/" + containerId, """
                {"release-id": {"group-id": "io.solomo.test", "artifact-id": "samples", "version": "1.0.0"}}""");
        containerRecords.disposed(containerId);

        ApiClient.Response updated = analyst.post(PREFIX + "/containers/" + containerId + "/release-id", """
                {"group-id": "io.solomo.test", "artifact-id": "samples", "version": "1.0.0"}""");

        assertThat(updated.status()).as(updated.text()).isEqualTo(404);
        assertThat(updated.json().get("field").asString()).isEqualTo("containerId");
        assertThat(containers.list()).extracting(DeployedContainer::id).doesNotContain(containerId);
        assertThat(recordedContainerIds()).doesNotContain(containerId);
    }

    @Test
    void reloadOfSameReleaseIdReachesOtherNodes() {
        ApiClient analyst = analyst();
        analyst.post(PREFIX + "/kjars", reloadKjar("rule \"first\" when Fact() then end\n"), JAR);
        ApiClient.Response created = analyst.put(PREFIX + "/containers/reloaded-everywhere", """
                {"release-id": {"group-id": "io.solomo.test", "artifact-id": "reload", "version": "1.0.0"}}""");
        KieContainers otherNode = new KieContainers(kjars, containerRecords, Clock.systemUTC());
        otherNode.run(null);
        try {
            int rulesBefore = ruleCount(otherNode.get("reloaded-everywhere"));
            analyst.post(PREFIX + "/kjars", reloadKjar("rule \"first\" when Fact() then end\n"
                    + "rule \"second\" when Fact(size > 1) then end\n"), JAR);
            ApiClient.Response reloaded = analyst.post(PREFIX + "/containers/reloaded-everywhere/release-id", """
                    {"group-id": "io.solomo.test", "artifact-id": "reload", "version": "1.0.0"}""");

            otherNode.followRecords();

            assertThat(created.status()).as(created.text()).isEqualTo(201);
            assertThat(reloaded.status()).as(reloaded.text()).isEqualTo(200);
            assertThat(rulesBefore).isEqualTo(1);
            assertThat(ruleCount(containers.get("reloaded-everywhere"))).isEqualTo(2);
            assertThat(ruleCount(otherNode.get("reloaded-everywhere"))).isEqualTo(2);
        } finally {
            otherNode.disposeAll();
            analyst.delete(PREFIX + "/containers/reloaded-everywhere");
        }
    }

    @Test
    void failedRebuildStopsServingOldRules() {
        ApiClient analyst = analyst();
        ApiClient.Response created = analyst.put(PREFIX + "/containers/moved-away", """
                {"release-id": {"group-id": "io.solomo.test", "artifact-id": "samples", "version": "1.0.0"}}""");
        String batch = """
                {"commands": [{"insert": {"object": {"org.kie.server.testing.Person": {"fullname": "Ann", "age": 30}}}}]}""";
        ApiClient.Response beforeUpdate = app().post(PREFIX + "/containers/instances/moved-away", batch);

        containerRecords.releaseIdUpdated("moved-away", new KieReleaseId("io.solomo.test", "nowhere", "9.9"));
        containers.followRecords();
        ApiClient.Response afterUpdate = app().post(PREFIX + "/containers/instances/moved-away", batch);
        ApiClient.Response read = analyst.get(PREFIX + "/containers/moved-away");
        analyst.delete(PREFIX + "/containers/moved-away");

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(beforeUpdate.status()).as(beforeUpdate.text()).isEqualTo(200);
        assertThat(afterUpdate.status()).as(afterUpdate.text()).isEqualTo(404);
        assertThat(read.status()).as(read.text()).isEqualTo(404);
    }

    @Test
    void recordBuildsOnceItsKjarArrives() {
        // A version of its own at each run, because the uploaded kjars folder outlives the test run.
        String version = "1.0." + System.currentTimeMillis();
        String batch = """
                {"commands": [{"insert": {"object": {"org.kie.server.testing.Person": {"fullname": "Ann", "age": 30}}}}]}""";
        containerRecords.created("kjar-arrives", new KieReleaseId("io.solomo.test", "late", version), null,
                Instant.parse("2026-12-01T00:00:00Z"));
        containers.followRecords();
        ApiClient.Response beforeUpload = app().post(PREFIX + "/containers/instances/kjar-arrives", batch);

        ApiClient.Response uploaded = analyst().post(PREFIX + "/kjars",
                TestKjars.samplesKjar("io.solomo.test", "late", version), JAR);
        containers.followRecords();
        ApiClient.Response afterUpload = app().post(PREFIX + "/containers/instances/kjar-arrives", batch);
        analyst().delete(PREFIX + "/containers/kjar-arrives");

        assertThat(beforeUpload.status()).as(beforeUpload.text()).isEqualTo(404);
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
        assertThat(afterUpload.status()).as(afterUpload.text()).isEqualTo(200);
    }

    @Test
    void createDoesNotReplaceOtherNodesContainer() {
        KieReleaseId createdElsewhere = new KieReleaseId("io.solomo.test", "samples", "1.0.0");
        containerRecords.created("raced", createdElsewhere, "elsewhere", Instant.parse("2026-12-01T00:00:00Z"));

        ApiClient.Response created = analyst().put(PREFIX + "/containers/raced", """
                {"container-alias": "here", "release-id": {"group-id": "io.solomo.test", "artifact-id": "samples",
                 "version": "1.0.0"}}""");
        List<KieContainerRecords.Recorded> recorded = containerRecords.all().stream()
                .filter(record -> record.containerId().equals("raced")).toList();
        containerRecords.disposed("raced");
        containers.followRecords();

        assertThat(created.status()).as(created.text()).isEqualTo(400);
        assertThat(created.json().get("detail").asString()).contains("already exists");
        assertThat(recorded).extracting(KieContainerRecords.Recorded::alias).containsExactly("elsewhere");
    }

    @Test
    void createReplacesRecordThatFailedHere() {
        containerRecords.created("failed-here", new KieReleaseId("io.solomo.test", "nowhere", "9.9"), null,
                Instant.parse("2026-12-01T00:00:00Z"));
        containers.followRecords();

        ApiClient.Response created = analyst().put(PREFIX + "/containers/failed-here", """
                {"release-id": {"group-id": "io.solomo.test", "artifact-id": "samples", "version": "1.0.0"}}""");
        analyst().delete(PREFIX + "/containers/failed-here");

        assertThat(created.status()).as(created.text()).isEqualTo(201);
    }

    @Test
    void disposeOfRecordNotBuiltHereSucceeds() {
        containerRecords.created("built-elsewhere", new KieReleaseId("io.solomo.test", "nowhere", "9.9"), null,
                Instant.parse("2026-12-01T00:00:00Z"));
        containers.followRecords();

        ApiClient.Response disposed = analyst().delete(PREFIX + "/containers/built-elsewhere");

        assertThat(disposed.status()).isEqualTo(200);
        assertThat(disposed.json().get("msg").asString()).isEqualTo("Container built-elsewhere successfully disposed.");
        assertThat(recordedContainerIds()).doesNotContain("built-elsewhere");
    }

    @Test
    void updateOfContainerDisposedElsewhereFails() {
        ApiClient analyst = analyst();
        ApiClient.Response created = analyst.put(PREFIX + "/containers/disposed-elsewhere", """
                {"release-id": {"group-id": "io.solomo.test", "artifact-id": "samples", "version": "1.0.0"}}""");
        containerRecords.disposed("disposed-elsewhere");

        ApiClient.Response updated = analyst.post(PREFIX + "/containers/disposed-elsewhere/release-id", """
                {"group-id": "io.solomo.test", "artifact-id": "samples", "version": "1.0.0"}""");
        containers.followRecords();
        ApiClient.Response read = analyst.get(PREFIX + "/containers/disposed-elsewhere");

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(updated.status()).as(updated.text()).isEqualTo(404);
        assertThat(read.status()).as(read.text()).isEqualTo(404);
    }

    @Test
    void disposedContainerIsNotRecorded() {
        ApiClient analyst = analyst();
        analyst.put(PREFIX + "/containers/short-lived", """
                {"release-id": {"group-id": "io.solomo.test", "artifact-id": "samples", "version": "1.0.0"}}""");
        containerRecords.created("never-started", new KieReleaseId("io.solomo.test", "nowhere", "9.9"), null,
                Instant.parse("2026-12-01T00:00:00Z"));
        List<String> recordedBefore = recordedContainerIds();

        ApiClient.Response disposed = analyst.delete(PREFIX + "/containers/short-lived");
        ApiClient.Response disposedUnstarted = analyst.delete(PREFIX + "/containers/never-started");

        assertThat(recordedBefore).contains("short-lived", "never-started");
        assertThat(disposed.status()).isEqualTo(200);
        assertThat(disposedUnstarted.status()).isEqualTo(200);
        assertThat(recordedContainerIds()).doesNotContain("short-lived", "never-started");
    }

    @Test
    void sharedSessionKeepsFactsAndDeletesByHandle() {
        String path = PREFIX + "/containers/instances/samples?session=shared";
        ApiClient.Response inserted = app().post(path, """
                {"lookup": "ksession1", "commands": [{"insert": {"out-identifier": "ann",
                  "object": {"org.kie.server.testing.Person": {"fullname": "Ann", "age": 30}}}}]}""");
        String handle = inserted.json().get("result").get("execution-results").get("facts").get(0).get("value")
                .get("org.drools.core.common.DefaultFactHandle").get("external-form").asString();

        ApiClient.Response seen = app().post(path, """
                {"lookup": "ksession1", "commands": [{"get-objects": {"out-identifier": "objects",
                  "class-object-filter": {"string": "org.kie.server.testing.Person"}}}]}""");
        ApiClient.Response retracted = app().post(path, """
                {"lookup": "ksession1", "commands": [{"retract": {"fact-handle": "%s"}},
                  {"get-objects": {"out-identifier": "objects",
                   "class-object-filter": {"string": "org.kie.server.testing.Person"}}}]}""".formatted(handle));

        assertThat(objects(seen)).hasSize(1);
        assertThat(retracted.status()).as(retracted.text()).isEqualTo(200);
        assertThat(objects(retracted)).isEmpty();
    }

    @Test
    void retractOfUnknownHandleIsRejected() {
        ApiClient.Response response = app().post(PREFIX + "/containers/instances/samples",
                sampleText("kiedocs-runtime-cmd-05-retractcommand-example-json-request-body.json"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("commands[0].retract.fact-handle");
    }

    @Test
    void unknownClassIsRejectedByName() {
        ApiClient.Response response = app().post(PREFIX + "/containers/instances/samples", """
                {"commands": [{"insert": {"object": {"org.example.Missing": {"name": "x"}}}}]}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("commands[0].insert.object");
        assertThat(response.json().get("value").asString()).isEqualTo("org.example.Missing");
        assertThat(response.json().get("detail").asString()).contains("org.example.Missing");
    }

    @Test
    void serverClassIsNotAFact() {
        ApiClient.Response response = app().post(PREFIX + "/containers/instances/samples", """
                {"commands": [{"insert": {"object": {"io.solomo.decision.kie.KieReleaseId": {}}}}]}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("value").asString()).isEqualTo("io.solomo.decision.kie.KieReleaseId");
    }

    @Test
    void unknownPropertyIsRejected() {
        ApiClient.Response response = app().post(PREFIX + "/containers/instances/samples", """
                {"commands": [{"insert": {"object": {"org.kie.server.testing.Person": {"nickname": "x"}}}}]}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString())
                .isEqualTo("commands[0].insert.object.org.kie.server.testing.Person.nickname");
        assertThat(response.json().get("value").asString()).isEqualTo("x");
    }

    @Test
    void factTypeMismatchNamesSentValue() {
        ApiClient.Response text = insertPerson("\"old\"");
        ApiClient.Response overflow = insertPerson("1e20");
        ApiClient.Response fraction = insertPerson("2.7");
        ApiClient.Response whole = insertPerson("3.0");

        assertThat(text.status()).as(text.text()).isEqualTo(400);
        assertThat(text.json().get("field").asString())
                .isEqualTo("commands[0].insert.object.org.kie.server.testing.Person.age");
        assertThat(text.json().get("value").asString()).isEqualTo("old");
        assertThat(overflow.status()).as(overflow.text()).isEqualTo(400);
        assertThat(overflow.json().get("value").decimalValue()).isEqualByComparingTo("1e20");
        assertThat(fraction.status()).as(fraction.text()).isEqualTo(400);
        assertThat(fraction.json().get("value").asDouble()).isEqualTo(2.7);
        assertThat(fraction.json().get("detail").asString()).contains("not a whole number");
        assertThat(whole.status()).as(whole.text()).isEqualTo(200);
    }

    @Test
    void bigDecimalFactKeepsEveryDigit() {
        for (String path : List.of("", "?session=shared")) {
            ApiClient.Response response = app().post(PREFIX + "/containers/instances/samples" + path, """
                    {"commands": [
                      {"insert": {"out-identifier": "tiny", "return-object": true,
                        "object": {"org.kie.server.testing.Order": {"amount": 0.10000000000000000001}}}},
                      {"insert": {"out-identifier": "scaled",
                        "object": {"org.kie.server.testing.Order": {"amount": 1.10}}}},
                      {"insert": {"out-identifier": "large",
                        "object": {"org.kie.server.testing.Order": {"amount": 12345678901234567890}}}}]}""");

            assertThat(response.status()).as(response.text()).isEqualTo(200);
            JsonNode results = DECIMALS.readTree(response.body()).get("result").get("execution-results")
                    .get("results");
            assertThat(amount(results, 0)).as(path).isEqualTo(new BigDecimal("0.10000000000000000001"));
            assertThat(amount(results, 1)).as(path).isEqualTo(new BigDecimal("1.10"));
            assertThat(amount(results, 2)).as(path).isEqualTo(new BigDecimal("12345678901234567890"));
        }
    }

    @Test
    void nonStringBatchFieldsAreRejected() {
        String person = "{\"org.kie.server.testing.Person\": {\"fullname\": \"Ann\", \"age\": 30}}";
        Map<String, String> batches = new LinkedHashMap<>();
        batches.put("lookup", "{\"lookup\": {}, \"commands\": []}");
        batches.put("commands[0].insert.out-identifier",
                "{\"commands\": [{\"insert\": {\"object\": " + person + ", \"out-identifier\": []}}]}");
        batches.put("commands[0].insert.return-object", "{\"commands\": [{\"insert\": {\"object\": " + person
                + ", \"out-identifier\": \"p\", \"return-object\": {}}}]}");
        batches.put("commands[0].insert.entry-point",
                "{\"commands\": [{\"insert\": {\"object\": " + person + ", \"entry-point\": {}}}]}");
        batches.put("commands[0].query.name", "{\"commands\": [{\"query\": {\"name\": {}}}]}");
        batches.put("commands[0].set-global.identifier",
                "{\"commands\": [{\"set-global\": {\"identifier\": [], \"object\": \"x\"}}]}");
        batches.put("commands[0].get-objects.out-identifier",
                "{\"commands\": [{\"get-objects\": {\"out-identifier\": {}}}]}");

        batches.forEach((field, batch) -> {
            ApiClient.Response response = app().post(PREFIX + "/containers/instances/samples", batch);

            assertThat(response.status()).as(field + ": " + response.text()).isEqualTo(400);
            assertThat(response.json().get("type").asString()).as(field).isEqualTo("urn:solomo:problem:invalid-field");
            assertThat(response.json().get("field").asString()).as(field).isEqualTo(field);
            assertThat(response.json().has("value")).as(field).isTrue();
        });
    }

    @Test
    void returnObjectMustBeBoolean() {
        ApiClient.Response response = app().post(PREFIX + "/containers/instances/samples", """
                {"commands": [{"insert": {"out-identifier": "p", "return-object": "yes",
                  "object": {"org.kie.server.testing.Person": {"fullname": "Ann", "age": 30}}}}]}""");

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("commands[0].insert.return-object");
        assertThat(response.json().get("value").asString()).isEqualTo("yes");
    }

    @Test
    void nonStringContainerFieldsAreRejected() {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("release-id.group-id", """
                {"release-id": {"group-id": {}, "artifact-id": "samples", "version": "1.0.0"}}""");
        bodies.put("container-id", """
                {"container-id": {}, "release-id": {"group-id": "io.solomo.test", "artifact-id": "samples",
                 "version": "1.0.0"}}""");
        bodies.put("container-alias", """
                {"container-alias": {}, "release-id": {"group-id": "io.solomo.test", "artifact-id": "samples",
                 "version": "1.0.0"}}""");

        bodies.forEach((field, body) -> {
            ApiClient.Response response = analyst().put(PREFIX + "/containers/typed", body);

            assertThat(response.status()).as(field + ": " + response.text()).isEqualTo(400);
            assertThat(response.json().get("field").asString()).as(field).isEqualTo(field);
        });
        ApiClient.Response update = analyst().post(PREFIX + "/containers/samples/release-id", """
                {"group-id": ["x"], "artifact-id": "samples", "version": "1.0.0"}""");
        assertThat(update.status()).as(update.text()).isEqualTo(400);
        assertThat(update.json().get("field").asString()).isEqualTo("group-id");
        assertThat(update.json().get("value").asString()).isEqualTo("[\"x\"]");
    }

    @Test
    void unknownEntryPointIsRejectedBeforeAnyCommand() {
        String name = "entry-point-" + System.nanoTime();
        ApiClient.Response response = app().post(PREFIX + "/containers/instances/samples?session=shared", """
                {"lookup": "ksession1", "commands": [
                  {"insert": {"object": {"org.kie.server.testing.Person": {"fullname": "%s", "age": 30}}}},
                  {"insert": {"object": {"org.drools.compiler.test.Person": {"name": "x", "age": 1}},
                   "entry-point": "no stream"}}]}""".formatted(name));
        ApiClient.Response seen = app().post(PREFIX + "/containers/instances/samples?session=shared", """
                {"lookup": "ksession1", "commands": [{"get-objects": {"out-identifier": "objects",
                  "class-object-filter": {"string": "org.kie.server.testing.Person"}}}]}""");

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("commands[1].insert.entry-point");
        assertThat(response.json().get("value").asString()).isEqualTo("no stream");
        assertThat(response.json().get("detail").asString()).contains("my stream");
        assertThat(objects(seen).toString()).doesNotContain(name);
    }

    @Test
    void handleMustMatchFactNotOnlyItsId() {
        String path = PREFIX + "/containers/instances/samples?session=shared";
        ApiClient.Response inserted = app().post(path, """
                {"lookup": "ksession1", "commands": [{"insert": {"out-identifier": "kept",
                  "object": {"org.kie.server.testing.Person": {"fullname": "Kept", "age": 30}}}}]}""");
        String handle = factHandle(inserted);
        String[] parts = handle.split(":");
        String otherClass = String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6],
                "org.drools.compiler.test.Person");
        String otherEntryPoint = String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4], "my stream",
                parts[6], parts[7]);
        String otherObject = String.join(":", parts[0], parts[1], Integer.toString(Integer.parseInt(parts[2]) + 1),
                parts[3], parts[4], parts[5], parts[6], parts[7]);

        for (String stale : List.of(otherClass, otherEntryPoint, otherObject)) {
            ApiClient.Response retracted = app().post(path, """
                    {"lookup": "ksession1", "commands": [{"delete": {"fact-handle": "%s"}}]}""".formatted(stale));

            assertThat(retracted.status()).as(stale + ": " + retracted.text()).isEqualTo(400);
            assertThat(retracted.json().get("field").asString()).isEqualTo("commands[0].delete.fact-handle");
            assertThat(retracted.json().get("value").asString()).isEqualTo(stale);
            assertThat(retracted.json().get("detail").asString()).contains("in this session");
        }
        ApiClient.Response deleted = app().post(path, """
                {"lookup": "ksession1", "commands": [{"delete": {"fact-handle": "%s"}}]}""".formatted(handle));
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
    }

    @Test
    void namedEntryPointFactIsDeleted() {
        String path = PREFIX + "/containers/instances/samples?session=shared";
        ApiClient.Response inserted = app().post(path, """
                {"lookup": "ksession1", "commands": [{"insert": {"out-identifier": "streamed",
                  "entry-point": "my stream", "object": {"org.drools.compiler.test.Person": {"name": "s", "age": 1}}}}]}""");
        String retract = """
                {"lookup": "ksession1", "commands": [{"retract": {"fact-handle": "%s"}}]}""".formatted(
                factHandle(inserted));

        ApiClient.Response deleted = app().post(path, retract);
        ApiClient.Response again = app().post(path, retract);

        assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
        assertThat(again.status()).as(again.text()).isEqualTo(400);
    }

    @Test
    void queryArgumentOfWrongTypeIsRejected() {
        ApiClient.Response text = app().post(PREFIX + "/containers/instances/samples", """
                {"commands": [{"query": {"name": "olderThan", "arguments": ["forty"], "out-identifier": "older"}}]}""");
        ApiClient.Response whole = queryOlderThan(-5, "-5.0");
        ApiClient.Response fraction = queryOlderThan(-5, "-5.5");
        ApiClient.Response typedFraction = queryOlderThan(-5, "{\"java.lang.Double\": -5.5}");
        ApiClient.Response overflow = queryOlderThan(-5, "30000000000");

        assertThat(text.status()).as(text.text()).isEqualTo(400);
        assertThat(text.json().get("field").asString()).isEqualTo("commands[0].query.arguments[0]");
        assertThat(text.json().get("value").asString()).isEqualTo("forty");
        assertThat(text.json().get("detail").asString()).contains("$age", "int", "java.lang.String");
        assertThat(whole.status()).as(whole.text()).isEqualTo(200);
        assertThat(objects(whole).get("org.drools.core.runtime.rule.impl.FlatQueryResults").get("idResultMaps")
                .get("element")).isEmpty();
        // Cut to -5, -5.5 would find no person of age -5, though -5 > -5.5.
        assertThat(fraction.status()).as(fraction.text()).isEqualTo(400);
        assertThat(fraction.json().get("field").asString()).isEqualTo("commands[1].query.arguments[0]");
        assertThat(fraction.json().get("value").asDouble()).isEqualTo(-5.5);
        assertThat(fraction.json().get("detail").asString()).contains("$age", "not a whole number");
        assertThat(typedFraction.status()).as(typedFraction.text()).isEqualTo(400);
        assertThat(typedFraction.json().get("detail").asString()).contains("not a whole number");
        assertThat(overflow.status()).as(overflow.text()).isEqualTo(400);
        assertThat(overflow.json().get("value").asLong()).isEqualTo(30000000000L);
        assertThat(overflow.json().get("detail").asString()).contains("out of range of int");
    }

    @Test
    void typedNullIsRejected() {
        String person = "org.kie.server.testing.Person";
        Map<String, String> batches = new LinkedHashMap<>();
        batches.put("commands[0].insert.object." + person,
                "{\"commands\": [{\"insert\": {\"object\": {\"" + person + "\": null}, \"out-identifier\": \"p\"}}]}");
        batches.put("commands[0].insert.object." + person + " without out-identifier",
                "{\"commands\": [{\"insert\": {\"object\": {\"" + person + "\": null}}}]}");
        batches.put("commands[0].set-global.object." + person,
                "{\"commands\": [{\"set-global\": {\"identifier\": \"helper\", \"object\": {\"" + person
                        + "\": null}}}]}");
        batches.put("commands[0].query.arguments[0].java.lang.Integer",
                "{\"commands\": [{\"query\": {\"name\": \"olderThan\", "
                        + "\"arguments\": [{\"java.lang.Integer\": null}]}}]}");

        batches.forEach((expectedField, batch) -> {
            String field = expectedField.replace(" without out-identifier", "");
            ApiClient.Response response = app().post(PREFIX + "/containers/instances/samples", batch);

            assertThat(response.status()).as(expectedField + ": " + response.text()).isEqualTo(400);
            assertThat(response.json().get("field").asString()).as(expectedField).isEqualTo(field);
            assertThat(response.json().has("value")).as(expectedField).isTrue();
            assertThat(response.json().get("value").isNull()).as(expectedField).isTrue();
            assertThat(response.json().get("detail").asString()).as(expectedField).contains(field + " is null");
        });
    }

    @Test
    void wholeNumberPropertiesRejectFractions() {
        for (String property : List.of("quantity", "count", "total", "small", "tiny", "big")) {
            ApiClient.Response fraction = insertOrder(property, "2.7");
            ApiClient.Response whole = insertOrder(property, "3.0");

            assertThat(fraction.status()).as(property + ": " + fraction.text()).isEqualTo(400);
            assertThat(fraction.json().get("field").asString()).as(property)
                    .isEqualTo("commands[0].insert.object.org.kie.server.testing.Order." + property);
            assertThat(fraction.json().get("value").asDouble()).as(property).isEqualTo(2.7);
            assertThat(fraction.json().get("detail").asString()).as(property).contains("not a whole number");
            assertThat(whole.status()).as(property + ": " + whole.text()).isEqualTo(200);
            assertThat(objects(whole).get("org.kie.server.testing.Order").get(property).asLong()).as(property)
                    .isEqualTo(3);
        }
    }

    @Test
    void numbersOutOfRangeAreRejected() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("small", "70000.0");
        properties.put("tiny", "300");
        properties.put("count", "1e20");
        properties.put("big", "1e1001");
        properties.put("ratio", "1e400");
        properties.put("weight", "1e39");

        properties.forEach((property, number) -> {
            ApiClient.Response response = insertOrder(property, number);

            assertThat(response.status()).as(property + ": " + response.text()).isEqualTo(400);
            assertThat(response.json().get("field").asString()).as(property)
                    .isEqualTo("commands[0].insert.object.org.kie.server.testing.Order." + property);
            assertThat(DECIMALS.readTree(response.body()).get("value").decimalValue()).as(property)
                    .isEqualByComparingTo(number);
            assertThat(response.json().get("detail").asString()).as(property)
                    .containsPattern("out of range|not in 64-bit `double` range|more than 1000 digits|cannot be represented");
        });
    }

    @Test
    void hugeExponentGetsShortProblem() {
        List<String> batches = new ArrayList<>();
        for (String property : List.of("quantity", "count", "total", "small", "tiny", "big", "ratio", "weight")) {
            batches.add("""
                    {"commands": [{"insert": {"object": {"org.kie.server.testing.Order": {"%s": 1e3000000}}}}]}"""
                    .formatted(property));
        }
        batches.add("""
                {"commands": [{"query": {"name": "olderThan", "arguments": [1e3000000]}}]}""");
        batches.add("""
                {"commands": [{"query": {"name": "olderThan", "arguments": [{"java.lang.Integer": 1e3000000}]}}]}""");
        batches.add("""
                {"commands": [{"fire-all-rules": {"max": 1e3000000}}]}""");

        for (String batch : batches) {
            ApiClient.Response response = app().post(PREFIX + "/containers/instances/samples", batch);

            assertThat(response.status()).as(batch + ": " + response.text()).isEqualTo(400);
            assertThat(response.body().length).as(batch).isLessThan(2_000);
            assertThat(response.json().get("value").asString()).as(batch).hasSizeLessThanOrEqualTo(103);
        }
    }

    @Test
    void fireAllRulesMaxMustBeWhole() {
        ApiClient.Response response = app().post(PREFIX + "/containers/instances/samples", """
                {"commands": [{"fire-all-rules": {"max": 2.5}}]}""");

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("commands[0].fire-all-rules.max");
        assertThat(response.json().get("value").asDouble()).isEqualTo(2.5);
    }

    @Test
    void invalidFactHandleValueIsJsonSent() {
        ApiClient.Response response = app().post(PREFIX + "/containers/instances/samples", """
                {"commands": [{"delete": {"fact-handle": {"a": 5}}}]}""");

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("commands[0].delete.fact-handle");
        assertThat(response.json().get("value").asString()).isEqualTo("{\"a\":5}");
    }

    @Test
    void unknownCommandIsRejected() {
        ApiClient.Response response = app().post(PREFIX + "/containers/instances/samples",
                sampleText("kiedocs-runtime-cmd-17-startprocesscommand-example-json-request-body.json"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").asString()).contains("unsupported command");
    }

    @Test
    void rolesSeparateExecutionFromManagement() {
        String batch = """
                {"commands": [{"fire-all-rules": {"out-identifier": "fired"}}]}""";
        String create = """
                {"release-id": {"group-id": "io.solomo.test", "artifact-id": "samples", "version": "1.0.0"}}""";

        int appCreates = app().put(PREFIX + "/containers/by-app", create).status();
        int analystExecutes = analyst().post(PREFIX + "/containers/instances/samples", batch).status();
        int anonymousReads = anonymous().get(PREFIX).status();
        int adminExecutes = ApiClient.on(port).as("admin", PASSWORD)
                .post(PREFIX + "/containers/instances/samples", batch).status();

        assertThat(appCreates).isEqualTo(403);
        assertThat(analystExecutes).isEqualTo(403);
        assertThat(anonymousReads).isEqualTo(401);
        assertThat(adminExecutes).isEqualTo(200);
    }

    @Test
    void adminWithoutAnalystRoleOnlyReadsContainers() {
        ApiClient operator = ApiClient.on(port).as("operator", PASSWORD);
        String create = """
                {"release-id": {"group-id": "io.solomo.test", "artifact-id": "samples", "version": "1.0.0"}}""";

        assertThat(operator.put(PREFIX + "/containers/by-operator", create).status()).isEqualTo(403);
        assertThat(operator.get(PREFIX + "/containers").status()).isEqualTo(200);
    }

    @Test
    void containerStatusFilterIsChecked() {
        ApiClient analyst = ApiClient.on(port).as("analyst", PASSWORD);

        ApiClient.Response started = analyst.get(PREFIX + "/containers?status=failed,Started");
        ApiClient.Response failed = analyst.get(PREFIX + "/containers?status=FAILED");
        ApiClient.Response bogus = analyst.get(PREFIX + "/containers?status=STARTED,BOGUS");

        assertThat(started.json().get("result").get("kie-containers").get("kie-container").size()).isPositive();
        assertThat(failed.json().get("result").get("kie-containers").get("kie-container").size()).isZero();
        assertThat(bogus.status()).isEqualTo(400);
        assertThat(bogus.json().get("field").asString()).isEqualTo("status");
        assertThat(bogus.json().get("detail").asString()).contains("'BOGUS'", "DEACTIVATED");
    }

    @Test
    void disposeOfUnknownContainerSucceedsAsInKie() {
        ApiClient.Response response = analyst().delete(PREFIX + "/containers/never-created");

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.json().get("type").asString()).isEqualTo("SUCCESS");
        assertThat(response.json().get("msg").asString()).isEqualTo("Container never-created was not instantiated.");
        assertThat(response.json().get("result").isNull()).isTrue();
    }

    @Test
    void formEncodedBodiesAreUnsupported() {
        String form = "application/x-www-form-urlencoded";
        byte[] kjar = TestKjars.samplesKjar("io.solomo.test", "samples", "1.0.0");

        ApiClient.Response upload = analyst().post(PREFIX + "/kjars", kjar, form);
        HttpResponse<String> create = send("PUT", PREFIX + "/containers/form", form, """
                {"release-id": {"group-id": "io.solomo.test", "artifact-id": "samples", "version": "1.0.0"}}""");

        assertThat(upload.status()).as(upload.text()).isEqualTo(415);
        assertThat(upload.json().get("type").asString()).isEqualTo("urn:solomo:problem:unsupported-media-type");
        assertThat(upload.json().get("detail").asString()).contains(form, "application/java-archive");
        assertThat(create.statusCode()).as(create.body()).isEqualTo(415);
        assertThat(JSON.readTree(create.body()).get("detail").asString()).contains(form, "application/json");
    }

    @Test
    void containerBodyAndAliasAreLimited() {
        String create = """
                {"container-alias": "%s",
                 "release-id": {"group-id": "io.solomo.test", "artifact-id": "samples", "version": "1.0.0"}}""";

        ApiClient.Response longAlias = analyst().put(PREFIX + "/containers/aliased", create.formatted("a".repeat(101)));
        ApiClient.Response largeBody = analyst().put(PREFIX + "/containers/aliased",
                create.formatted("a".repeat(70_000)));
        ApiClient.Response longestAlias = analyst().put(PREFIX + "/containers/aliased",
                create.formatted("a".repeat(100)));
        analyst().delete(PREFIX + "/containers/aliased");

        assertThat(longAlias.status()).as(longAlias.text()).isEqualTo(400);
        assertThat(longAlias.json().get("field").asString()).isEqualTo("container-alias");
        assertThat(longAlias.json().get("detail").asString()).contains("101", "100");
        assertThat(largeBody.status()).as(largeBody.text()).isEqualTo(413);
        assertThat(largeBody.json().get("type").asString()).isEqualTo("urn:solomo:problem:content-too-large");
        assertThat(longestAlias.status()).as(longestAlias.text()).isEqualTo(201);
    }

    @Test
    void otherMethodsOnBatchPathGetProblem() {
        for (String method : List.of("GET", "PUT", "DELETE")) {
            HttpResponse<String> response = send(method, PREFIX + "/containers/instances/samples", "application/json",
                    "{}");

            assertThat(response.statusCode()).as(method + ": " + response.body()).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).as(method).hasValue("POST");
            assertThat(JSON.readTree(response.body()).get("type").asString()).as(method)
                    .isEqualTo("urn:solomo:problem:method-not-allowed");
        }
    }

    @Test
    void truncatedContainerBodyNamesNoParserInternals() {
        ApiClient.Response response = analyst().put(PREFIX + "/containers/truncated",
                "{\"release-id\": {\"group-id\": \"io.solomo.test\"");

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("detail").asString()).startsWith("the request body is not valid JSON: ")
                .contains("expected close marker for Object").doesNotContain("Source:");
    }

    @Test
    void missingReleaseIdIsRejected() {
        ApiClient.Response response = analyst().put(PREFIX + "/containers/missing", """
                {"release-id": {"group-id": "io.solomo.test", "artifact-id": "nowhere", "version": "9.9"}}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("release-id");
        assertThat(analyst().get(PREFIX + "/containers/missing").status()).isEqualTo(404);
    }

    @Test
    void uploadOfNonJarIsRejected() {
        ApiClient.Response response = analyst().post(PREFIX + "/kjars",
                "not a jar".getBytes(StandardCharsets.UTF_8), JAR);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("body");
    }

    @Test
    void kjarOverLimitIsRejectedUnread() throws IOException {
        RawRequests.Reply reply = new RawRequests(port, "analyst", PASSWORD)
                .postDeclaringLength(PREFIX + "/kjars", JAR, 200_000_000L);

        assertThat(reply.status()).as(reply.body()).isEqualTo(413);
        assertThat(reply.json().get("type").asString()).isEqualTo("urn:solomo:problem:content-too-large");
        assertThat(reply.json().get("detail").asString())
                .isEqualTo("the request body is larger than the 1048576 bytes this endpoint accepts "
                        + "(solomo.kie.max-kjar-size)");
    }

    @Test
    void chunkedKjarOverLimitIsRejected() throws IOException {
        RawRequests.Reply reply = new RawRequests(port, "analyst", PASSWORD)
                .postChunked(PREFIX + "/kjars", JAR, new byte[1024 * 1024 + 10_000]);

        assertThat(reply.status()).as(reply.body()).isEqualTo(413);
        assertThat(reply.json().get("detail").asString()).contains("1048576", "solomo.kie.max-kjar-size");
    }

    @Test
    void chunkedKjarUnderLimitIsStored() throws IOException {
        byte[] kjar = TestKjars.samplesKjar("io.solomo.test", "chunked", "1.0.0");

        RawRequests.Reply reply = new RawRequests(port, "analyst", PASSWORD)
                .postChunked(PREFIX + "/kjars", JAR, kjar);

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.body()).contains("io.solomo.test", "chunked");
    }

    @Test
    void emptyKjarUploadSaysOnlyBodyIsMissing() {
        ApiClient.Response response = analyst().post(PREFIX + "/kjars", new byte[0], JAR);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:solomo:problem:malformed-body");
        assertThat(response.json().get("detail").asString()).isEqualTo("the request body is missing");
    }

    @Test
    void kjarWithoutRulesIsRejected() {
        byte[] empty = TestKjars.kjar("io.solomo.test", "empty", "1.0.0", """
                <kmodule xmlns="http://www.drools.org/xsd/kmodule">
                  <kbase name="misnamed" packages="not.the.package"/>
                </kmodule>""", "org/example/rules.drl", "package org.example;\nrule \"r\" when then end\n");

        ApiClient.Response response = analyst().post(PREFIX + "/kjars", empty, JAR);

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("detail").asString()).contains("yields no rule");
    }

    /** Builds kjar io.solomo.test:reload:1.0.0 with a declared type Fact (size, an int) and the given rules. */
    private static byte[] reloadKjar(String rules) {
        return TestKjars.kjar("io.solomo.test", "reload", "1.0.0", """
                <kmodule xmlns="http://www.drools.org/xsd/kmodule">
                  <kbase name="reload" packages="org.example.reload" default="true"/>
                </kmodule>""", "org/example/reload/rules.drl",
                "package org.example.reload;\ndeclare Fact\n    size : int\nend\n" + rules);
    }

    private static int ruleCount(DeployedContainer container) {
        return container.kieContainer().getKieBase().getKiePackages().stream()
                .mapToInt(kiePackage -> kiePackage.getRules().size()).sum();
    }

    private ApiClient analyst() {
        return ApiClient.on(port).as("analyst", PASSWORD);
    }

    /** Inserts a person of the given age, then runs query olderThan with the given JSON argument. */
    private ApiClient.Response queryOlderThan(int age, String argument) {
        return app().post(PREFIX + "/containers/instances/samples", """
                {"commands": [
                  {"insert": {"object": {"org.kie.server.testing.Person": {"fullname": "Ann", "age": %d}}}},
                  {"query": {"name": "olderThan", "arguments": [%s], "out-identifier": "older"}}]}"""
                .formatted(age, argument));
    }

    /** Inserts an order with one property set to the given JSON number and returns it as the first result. */
    private ApiClient.Response insertOrder(String property, String number) {
        return app().post(PREFIX + "/containers/instances/samples", """
                {"commands": [{"insert": {"out-identifier": "order",
                  "object": {"org.kie.server.testing.Order": {"%s": %s}}}}]}""".formatted(property, number));
    }

    private ApiClient.Response insertPerson(String age) {
        return app().post(PREFIX + "/containers/instances/samples", """
                {"commands": [{"insert": {"object": {"org.kie.server.testing.Person":
                  {"fullname": "Ann", "age": %s}}}}]}""".formatted(age));
    }

    /** Sends a request as the analyst with any method and Content-Type, which ApiClient does not offer. */
    private HttpResponse<String> send(String method, String path, String contentType, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("analyst:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private static String factHandle(ApiClient.Response inserted) {
        return inserted.json().get("result").get("execution-results").get("facts").get(0).get("value")
                .get("org.drools.core.common.DefaultFactHandle").get("external-form").asString();
    }

    private static BigDecimal amount(JsonNode results, int index) {
        return results.get(index).get("value").get("org.kie.server.testing.Order").get("amount").decimalValue();
    }

    private static JsonNode objects(ApiClient.Response response) {
        return response.json().get("result").get("execution-results").get("results").get(0).get("value");
    }

    private List<String> recordedContainerIds() {
        return containerRecords.all().stream().map(KieContainerRecords.Recorded::containerId).toList();
    }

    private static void assertSameContainer(JsonNode actual, JsonNode sample) {
        for (String field : new String[]{"container-id", "release-id", "resolved-release-id", "status"}) {
            assertThat(actual.get(field)).as(field).isEqualTo(sample.get(field));
        }
        assertThat(actual.get("scanner").get("status")).isEqualTo(sample.get("scanner").get("status"));
    }

    /** Reads a sample response; the documentation wraps most of them in {@code {"response": [...]}}. */
    private static JsonNode sampleResponse(String name) {
        JsonNode sample = JSON.readTree(sampleText(name));
        return sample.has("response") ? sample.get("response").get(0) : sample;
    }

    private static String sampleText(String name) {
        Path file = SharedData.file(SAMPLES + name).orElse(null);
        assumeTrue(file != null, SharedData.absent(SAMPLES + name));
        try {
            // One sample starts with a zero-width word joiner (U+2060), which is not JSON.
            return Files.readString(file).replace("\u2060", "").strip();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
