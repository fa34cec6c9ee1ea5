package io.solomo.decision.kie;

import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST .../kjars} builds an uploaded kjar before it replaces the stored one, so that an upload whose rules do
 * not build never takes the rules of a running container away from a node that restarts or reloads it.
 *
 * <p>Each test uses an artifact id of its own, because the uploaded kjars folder outlives the test run.
 */
@TestPropertySource(properties = {
        "solomo.kie.kjar-folder=target/kie-test-kjars",
        "solomo.kie.maven-repository=target/kie-test-empty-m2",
        "solomo.kie.max-batch-size=64KB",
        "solomo.kie.max-kjar-size=1MB"
})
@ExtendWith(OutputCaptureExtension.class)
class KieKjarUploadIntegrationTests extends DemoServer {

    private static final String PREFIX = "/services/rest/server";
    private static final String JAR = "application/java-archive";
    private static final String GROUP = "io.solomo.test";
    private static final String KMODULE = """
            <kmodule xmlns="http://www.drools.org/xsd/kmodule">
              <kbase name="guarded" packages="org.example.guarded" default="true">
                <ksession name="guarded" type="stateful" default="true"/>
              </kbase>
            </kmodule>""";
    private static final String RULES_PATH = "org/example/guarded/rules.drl";
    private static final String GOOD_RULES = """
            package org.example.guarded;

            declare Visit
                store : String
                greeted : boolean
            end

            rule "Visits are greeted"
            when
                $visit : Visit(greeted == false)
            then
                modify($visit) { setGreeted(true) }
            end
            """;
    // Line 5 lacks the closing parenthesis of the pattern.
    private static final String SYNTAX_ERROR_RULES = """
            package org.example.guarded;

            rule "Broken visit rule"
            when
                $visit : Visit(greeted == false
            then
            end
            """;
    private static final String MISSING_CLASS_RULES = """
            package org.example.guarded;

            import org.example.guarded.NotInTheKjar;

            rule "Rule on a missing class"
            when
                NotInTheKjar()
            then
            end
            """;

    @Autowired
    KjarRepository kjars;

    @Autowired
    KieContainerRecords containerRecords;

    @Autowired
    KieContainers containers;

    @Test
    void brokenUploadKeepsRunningRules() throws IOException {
        ApiClient analyst = analyst();
        String artifact = "guarded-" + UUID.randomUUID();
        KieReleaseId releaseId = new KieReleaseId(GROUP, artifact, "1.0.0");
        String containerId = "guarded-" + artifact;
        ApiClient.Response goodUpload = analyst.post(PREFIX + "/kjars", guardedKjar(artifact, GOOD_RULES), JAR);
        ApiClient.Response created = analyst.put(PREFIX + "/containers/" + containerId, releaseIdBody(artifact));
        Path stored = kjars.find(releaseId).orElseThrow();
        byte[] storedBefore = Files.readAllBytes(stored);

        ApiClient.Response brokenUpload = analyst.post(PREFIX + "/kjars",
                guardedKjar(artifact, SYNTAX_ERROR_RULES), JAR);
        byte[] storedAfter = Files.readAllBytes(stored);
        ApiClient.Response reloaded = analyst.post(PREFIX + "/containers/" + containerId + "/release-id",
                releaseIdBody(artifact));
        ApiClient.Response batch = app().post(PREFIX + "/containers/instances/" + containerId, """
                {"commands": [
                  {"insert": {"object": {"org.example.guarded.Visit": {"store": "bastille"}}, "out-identifier": "visit"}},
                  {"fire-all-rules": {"out-identifier": "fired"}}]}""");
        KieContainers restartedNode = new KieContainers(kjars, containerRecords, Clock.systemUTC());
        restartedNode.run(null);

        try {
            assertThat(goodUpload.status()).as(goodUpload.text()).isEqualTo(201);
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            assertThat(brokenUpload.status()).as(brokenUpload.text()).isEqualTo(400);
            assertThat(brokenUpload.json().get("type").asString()).isEqualTo("urn:solomo:problem:invalid-field");
            assertThat(brokenUpload.json().get("detail").asString()).contains(releaseId.toString(), RULES_PATH);
            assertThat(storedAfter).as("the kjar stored before the rejected upload").isEqualTo(storedBefore);
            assertThat(reloaded.status()).as(reloaded.text()).isEqualTo(200);
            assertThat(batch.status()).as(batch.text()).isEqualTo(200);
            assertThat(result(batch, "fired").asInt()).as(batch.text()).isEqualTo(1);
            assertThat(restartedNode.list()).extracting(DeployedContainer::id).contains(containerId);
            assertThat(ruleNames(restartedNode.get(containerId))).containsExactly("Visits are greeted");
        } finally {
            restartedNode.disposeAll();
            analyst.delete(PREFIX + "/containers/" + containerId);
        }
    }

    @Test
    void buildErrorsAreListed() {
        record Case(String name, String path, String content, String expectedMessage, boolean hasLine) {
        }
        List<Case> cases = List.of(
                new Case("syntax error", RULES_PATH, SYNTAX_ERROR_RULES, "", true),
                new Case("missing class", RULES_PATH, MISSING_CLASS_RULES, "NotInTheKjar", true),
                new Case("broken decision table", "org/example/guarded/offers.drl.xlsx", "not a workbook", "", false));

        for (Case tested : cases) {
            String artifact = "broken-" + UUID.randomUUID();
            byte[] kjar = TestKjars.kjar(GROUP, artifact, "1.0.0", KMODULE, tested.path(), tested.content());

            ApiClient.Response response = analyst().post(PREFIX + "/kjars", kjar, JAR);

            assertThat(response.status()).as(tested.name() + ": " + response.text()).isEqualTo(400);
            JsonNode problem = response.json();
            assertThat(problem.get("field").asString()).as(tested.name()).isEqualTo("body");
            assertThat(problem.get("detail").asString()).as(tested.name())
                    .contains("do not build", tested.path());
            JsonNode errors = problem.get("errors");
            assertThat(errors).as(tested.name() + ": " + response.text()).isNotNull();
            assertThat(errors.isArray()).as(tested.name()).isTrue();
            assertThat(errors.size()).as(tested.name()).isGreaterThan(0);
            JsonNode first = errors.get(0);
            assertThat(first.get("path").asString()).as(tested.name()).isEqualTo(tested.path());
            assertThat(first.get("message").asString()).as(tested.name()).isNotBlank()
                    .contains(tested.expectedMessage()).doesNotContain("\n");
            if (tested.hasLine()) {
                assertThat(first.get("line").asInt()).as(tested.name() + " line").isGreaterThan(0);
            }
            assertThat(kjars.find(new KieReleaseId(GROUP, artifact, "1.0.0"))).as(tested.name()).isEmpty();
        }
    }

    @Test
    void containerOfBrokenInstalledKjarListsErrors() throws IOException {
        String artifact = "installed-" + UUID.randomUUID();
        Path installed = Path.of("target/kie-test-empty-m2", GROUP.replace('.', '/'), artifact, "1.0.0",
                artifact + "-1.0.0.jar");
        Files.createDirectories(installed.getParent());
        Files.write(installed, guardedKjar(artifact, SYNTAX_ERROR_RULES));

        ApiClient.Response created = analyst().put(PREFIX + "/containers/" + artifact, releaseIdBody(artifact));

        assertThat(created.status()).as(created.text()).isEqualTo(400);
        assertThat(created.json().get("field").asString()).isEqualTo("release-id");
        assertThat(created.json().get("errors").get(0).get("path").asString()).isEqualTo(RULES_PATH);
        assertThat(created.json().get("errors").get(0).get("line").asInt()).isGreaterThan(0);
    }

    @Test
    void buildErrorIsOneLogEntry(CapturedOutput output) {
        String artifact = "logged-" + UUID.randomUUID();

        ApiClient.Response response = analyst().post(PREFIX + "/kjars",
                guardedKjar(artifact, MISSING_CLASS_RULES), JAR);

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        List<String> lines = output.getOut().lines().filter(line -> line.contains("NotInTheKjar")).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains(artifact, RULES_PATH);
    }

    @Test
    void jarWithoutKmoduleIsRejected() {
        String artifact = "plain-" + UUID.randomUUID();
        byte[] jar = zip("META-INF/maven/" + GROUP + "/" + artifact + "/pom.properties",
                "groupId=" + GROUP + "\nartifactId=" + artifact + "\nversion=1.0.0\n",
                "org/example/Plain.class", "not really a class");

        ApiClient.Response response = analyst().post(PREFIX + "/kjars", jar, JAR);

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("body");
        assertThat(response.json().get("detail").asString()).contains("META-INF/kmodule.xml");
        assertThat(kjars.find(new KieReleaseId(GROUP, artifact, "1.0.0"))).isEmpty();
    }

    @Test
    void nonZipBodyIsRejected() {
        ApiClient.Response response = analyst().post(PREFIX + "/kjars",
                "rule \"not in a jar\" when then end".getBytes(StandardCharsets.UTF_8), JAR);

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("body");
        assertThat(response.json().get("detail").asString()).contains("not a kjar", "META-INF/kmodule.xml");
    }

    @Test
    void invalidKmoduleKeepsStoredKjar() throws IOException {
        ApiClient analyst = analyst();
        String artifact = "kmodule-" + UUID.randomUUID();
        KieReleaseId releaseId = new KieReleaseId(GROUP, artifact, "1.0.0");
        analyst.post(PREFIX + "/kjars", guardedKjar(artifact, GOOD_RULES), JAR);
        byte[] storedBefore = Files.readAllBytes(kjars.find(releaseId).orElseThrow());
        byte[] invalid = TestKjars.kjar(GROUP, artifact, "1.0.0", "<kmodule xmlns=\"http://www.drools.org/xsd/kmodule\">",
                RULES_PATH, GOOD_RULES);

        ApiClient.Response response = analyst.post(PREFIX + "/kjars", invalid, JAR);

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("body");
        assertThat(response.json().get("detail").asString()).contains("META-INF/kmodule.xml")
                .doesNotContain(".upload.jar");
        assertThat(Files.readAllBytes(kjars.find(releaseId).orElseThrow())).isEqualTo(storedBefore);
    }

    private static byte[] guardedKjar(String artifact, String rules) {
        return TestKjars.kjar(GROUP, artifact, "1.0.0", KMODULE, RULES_PATH, rules);
    }

    private static String releaseIdBody(String artifact) {
        return """
                {"release-id": {"group-id": "%s", "artifact-id": "%s", "version": "1.0.0"}}"""
                .formatted(GROUP, artifact);
    }

    /** Returns the value of the batch result with this out-identifier. */
    private static JsonNode result(ApiClient.Response batch, String key) {
        for (JsonNode result : batch.json().get("result").get("execution-results").get("results")) {
            if (result.get("key").asString().equals(key)) {
                return result.get("value");
            }
        }
        throw new AssertionError("no batch result " + key + " in " + batch.text());
    }

    private static List<String> ruleNames(DeployedContainer container) {
        return container.kieContainer().getKieBase().getKiePackages().stream()
                .flatMap(kiePackage -> kiePackage.getRules().stream()).map(rule -> rule.getName()).toList();
    }

    /** Builds a zip of pairs of entry path and text. */
    private static byte[] zip(String... entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int index = 0; index < entries.length; index += 2) {
                zip.putNextEntry(new ZipEntry(entries[index]));
                zip.write(entries[index + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        return bytes.toByteArray();
    }

    private ApiClient analyst() {
        return ApiClient.on(port).as("analyst", PASSWORD);
    }
}
