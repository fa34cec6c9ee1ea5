package io.solomo.decision.kie;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import io.solomo.decision.support.SharedData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
        "solomo.kie.max-batch-size=64KB"
})
class KieServerIntegrationTests extends DemoServer {

    private static final String PREFIX = "/services/rest/server";
    private static final String SAMPLES = "kie-server-json/";
    private static final String JAR = "application/java-archive";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MeterRegistry meters;

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
        assertThat(response.json().get("field").asString()).isEqualTo("commands[0].fact-handle");
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
        analyst().post(PREFIX + "/kjars", empty, JAR);

        ApiClient.Response response = analyst().put(PREFIX + "/containers/empty", """
                {"release-id": {"group-id": "io.solomo.test", "artifact-id": "empty", "version": "1.0.0"}}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").asString()).contains("yields no rule");
    }

    private ApiClient analyst() {
        return ApiClient.on(port).as("analyst", PASSWORD);
    }

    private static JsonNode objects(ApiClient.Response response) {
        return response.json().get("result").get("execution-results").get("results").get(0).get("value");
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
