package io.solomo.kieclient;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.KieServices;
import org.kie.api.command.BatchExecutionCommand;
import org.kie.api.command.Command;
import org.kie.api.command.KieCommands;
import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.ExecutionResults;
import org.kie.server.api.exception.KieServicesHttpException;
import org.kie.server.api.marshalling.MarshallingFormat;
import org.kie.server.api.model.KieContainerResource;
import org.kie.server.api.model.KieContainerResourceList;
import org.kie.server.api.model.KieContainerStatus;
import org.kie.server.api.model.KieServerInfo;
import org.kie.server.api.model.ReleaseId;
import org.kie.server.api.model.ServiceResponse;
import org.kie.server.client.KieServicesClient;
import org.kie.server.client.KieServicesConfiguration;
import org.kie.server.client.KieServicesFactory;
import org.kie.server.client.RuleServicesClient;

import java.net.URI;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Drives the packaged server with the real KIE Server 7.74.1 Java client in JSON: the anchor benchmark's kjar is
 * uploaded, deployed through the client, and the benchmark's five request bodies must find the expected offers.
 */
class KieClientIntegrationTests {

    private static final String PREFIX = "/services/rest/server";
    private static final String PASSWORD = "demo";
    private static final String CONTAINER = "offers";
    private static final ReleaseId RELEASE_ID =
            new ReleaseId(BenchKjar.GROUP_ID, BenchKjar.ARTIFACT_ID, BenchKjar.VERSION);

    @TempDir
    static Path work;

    private static PackagedServer server;
    private static BenchKjar kjar;
    private static URLClassLoader factClasses;
    private static Class<?> customerClass;
    private static Class<?> offerCandidateClass;

    @BeforeAll
    static void deployBenchKjar() throws Exception {
        Path bench = BenchKjar.benchFolder().orElse(null);
        assumeTrue(bench != null, "shared/bench/kie-server-7 is absent: place the shared folder beside the "
                + "checkout (../shared) to run this test");
        kjar = BenchKjar.build(bench, work);
        factClasses = kjar.factClassLoader(KieClientIntegrationTests.class.getClassLoader());
        customerClass = factClasses.loadClass("bench.solomo.Customer");
        offerCandidateClass = factClasses.loadClass("bench.solomo.OfferCandidate");
        server = PackagedServer.start("--solomo.kie.kjar-folder=" + work.resolve("kjars"),
                "--solomo.kie.maven-repository=" + work.resolve("empty-m2"));

        int uploaded = upload(kjar.jar());
        ServiceResponse<KieContainerResource> created = client("analyst")
                .createContainer(CONTAINER, new KieContainerResource(CONTAINER, RELEASE_ID));

        assertThat(uploaded).isEqualTo(201);
        assertThat(created.getType()).as(created.getMsg()).isEqualTo(ServiceResponse.ResponseType.SUCCESS);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
        if (factClasses != null) {
            factClasses.close();
        }
    }

    @Test
    void serverInfoReportsRulesCapability() {
        ServiceResponse<KieServerInfo> info = client("app").getServerInfo();

        assertThat(info.getType()).isEqualTo(ServiceResponse.ResponseType.SUCCESS);
        assertThat(info.getResult().getCapabilities()).contains("KieServer", "BRM");
        assertThat(info.getResult().getLocation()).endsWith(PREFIX);
    }

    @Test
    void benchRequestsFindExpectedOffers() throws Exception {
        RuleServicesClient rules = client("app").getServicesClient(RuleServicesClient.class);
        List<String> rows = Files.readAllLines(kjar.requests().resolve("expected-matches.tsv")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();

        assertThat(rows).hasSize(5);
        for (String row : rows) {
            String[] columns = row.split("\t");
            String body = Files.readString(kjar.requests().resolve(columns[0]));

            ServiceResponse<ExecutionResults> response = rules.executeCommandsWithResults(CONTAINER, body);

            assertThat(response.getType()).as(columns[0] + ": " + response.getMsg())
                    .isEqualTo(ServiceResponse.ResponseType.SUCCESS);
            ExecutionResults results = response.getResult();
            List<?> candidates = (List<?>) results.getValue("candidates");
            assertThat(candidates.stream().filter(offerCandidateClass::isInstance).count()).as(columns[0])
                    .isEqualTo(Long.parseLong(columns[2]));
            assertThat(results.getValue("customer")).as(columns[0]).isInstanceOf(customerClass);
            assertThat(results.getFactHandle("customer")).as(columns[0]).isNotNull();
        }
    }

    @Test
    void clientBuiltCommandsRun() throws Exception {
        RuleServicesClient rules = client("app").getServicesClient(RuleServicesClient.class);
        Object customer = customerClass.getConstructor(String.class, String.class, int.class, String.class, int.class,
                double.class, String.class, int.class, String.class)
                .newInstance("c-005", "SILVER", 29, "Madrid", 9, 640.00, "S19", 15, "SUN");
        KieCommands commands = KieServices.Factory.get().getCommands();
        List<Command<?>> batch = List.of(
                commands.newInsert(customer, "customer"),
                commands.newFireAllRules("fired"),
                commands.newGetObjects(new ClassObjectFilter(offerCandidateClass), "candidates"));
        BatchExecutionCommand execution = commands.newBatchExecution(batch, "offers");

        ServiceResponse<ExecutionResults> response = rules.executeCommandsWithResults(CONTAINER, execution);

        assertThat(response.getType()).as(response.getMsg()).isEqualTo(ServiceResponse.ResponseType.SUCCESS);
        List<?> candidates = (List<?>) response.getResult().getValue("candidates");
        assertThat(candidates).hasSize(19).allMatch(offerCandidateClass::isInstance);
        assertThat(((Number) response.getResult().getValue("fired")).intValue()).isEqualTo(19);
    }

    @Test
    void containerManagementThroughClient() {
        KieServicesClient analyst = client("analyst");
        String id = "offers-managed";

        ServiceResponse<KieContainerResource> created = analyst.createContainer(id, new KieContainerResource(id,
                RELEASE_ID));
        ServiceResponse<KieContainerResource> info = analyst.getContainerInfo(id);
        ServiceResponse<KieContainerResourceList> listed = analyst.listContainers();
        ServiceResponse<ReleaseId> releaseId = analyst.getReleaseId(id);
        ServiceResponse<ReleaseId> updated = analyst.updateReleaseId(id, RELEASE_ID);
        ServiceResponse<Void> disposed = analyst.disposeContainer(id);
        ServiceResponse<Void> disposedAgain = analyst.disposeContainer(id);

        assertThat(created.getType()).as(created.getMsg()).isEqualTo(ServiceResponse.ResponseType.SUCCESS);
        assertThat(info.getResult().getStatus()).isEqualTo(KieContainerStatus.STARTED);
        assertThat(info.getResult().getReleaseId()).isEqualTo(RELEASE_ID);
        assertThat(listed.getResult().getContainers()).extracting(KieContainerResource::getContainerId)
                .contains(CONTAINER, id);
        assertThat(releaseId.getResult()).isEqualTo(RELEASE_ID);
        assertThat(updated.getType()).as(updated.getMsg()).isEqualTo(ServiceResponse.ResponseType.SUCCESS);
        assertThat(disposed.getType()).as(disposed.getMsg()).isEqualTo(ServiceResponse.ResponseType.SUCCESS);
        assertThat(disposedAgain.getType()).as(disposedAgain.getMsg())
                .isEqualTo(ServiceResponse.ResponseType.SUCCESS);
        assertThat(disposedAgain.getMsg()).isEqualTo("Container " + id + " was not instantiated.");
        assertThat(updated.getMsg()).isEqualTo("Release id successfully updated.");
        assertThat(analyst.listContainers().getResult().getContainers())
                .extracting(KieContainerResource::getContainerId).doesNotContain(id);
    }

    @Test
    void containerStartsAgainAfterRestart() throws Exception {
        String[] settings = {"--spring.datasource.url=jdbc:h2:file:" + work.resolve("restart-db") + ";WRITE_DELAY=0",
                "--solomo.kie.kjar-folder=" + work.resolve("kjars"),
                "--solomo.kie.maven-repository=" + work.resolve("empty-m2")};
        String id = "offers-restarted";
        ServiceResponse<KieContainerResource> created;
        try (PackagedServer first = PackagedServer.start(settings)) {
            created = client(first, "analyst").createContainer(id, new KieContainerResource(id, RELEASE_ID));
        }

        try (PackagedServer second = PackagedServer.start(settings)) {
            ServiceResponse<KieContainerResource> info = client(second, "analyst").getContainerInfo(id);
            String body = Files.readString(kjar.requests().resolve("customer-5.json"));
            ServiceResponse<ExecutionResults> executed = client(second, "app")
                    .getServicesClient(RuleServicesClient.class).executeCommandsWithResults(id, body);

            assertThat(created.getType()).as(created.getMsg()).isEqualTo(ServiceResponse.ResponseType.SUCCESS);
            assertThat(info.getType()).as(info.getMsg()).isEqualTo(ServiceResponse.ResponseType.SUCCESS);
            assertThat(info.getResult().getStatus()).isEqualTo(KieContainerStatus.STARTED);
            assertThat(info.getResult().getReleaseId()).isEqualTo(RELEASE_ID);
            assertThat(executed.getType()).as(executed.getMsg()).isEqualTo(ServiceResponse.ResponseType.SUCCESS);
            assertThat((List<?>) executed.getResult().getValue("candidates")).filteredOn(offerCandidateClass::isInstance)
                    .hasSize(19);
        }
    }

    @Test
    void unknownClassIsRejectedByName() {
        RuleServicesClient rules = client("app").getServicesClient(RuleServicesClient.class);
        String body = """
                {"lookup": "offers", "commands": [
                  {"insert": {"object": {"bench.solomo.Shopper": {"id": "c-009"}}, "out-identifier": "customer"}},
                  {"fire-all-rules": {}}]}""";

        assertThatThrownBy(() -> rules.executeCommandsWithResults(CONTAINER, body))
                .isInstanceOfSatisfying(KieServicesHttpException.class,
                        rejected -> assertThat(rejected.getHttpCode()).isEqualTo(400))
                .hasMessageContaining("bench.solomo.Shopper");
    }

    @Test
    void appRoleCannotCreateContainers() {
        KieServicesClient app = client("app");

        assertThatThrownBy(() -> app.createContainer("by-app", new KieContainerResource("by-app", RELEASE_ID)))
                .isInstanceOfSatisfying(KieServicesHttpException.class,
                        rejected -> assertThat(rejected.getHttpCode()).isEqualTo(403));
    }

    private static KieServicesClient client(String user) {
        return client(server, user);
    }

    private static KieServicesClient client(PackagedServer target, String user) {
        KieServicesConfiguration configuration = KieServicesFactory.newRestConfiguration(
                target.baseUrl() + PREFIX, user, PASSWORD);
        configuration.setMarshallingFormat(MarshallingFormat.JSON);
        configuration.addExtraClasses(Set.of(customerClass, offerCandidateClass));
        // Building the 1,000 rules of the kjar takes seconds on a busy machine; the client's default is 5 s.
        configuration.setTimeout(120_000);
        return KieServicesFactory.newKieServicesClient(configuration, factClasses);
    }

    private static int upload(byte[] jar) throws Exception {
        String credentials = Base64.getEncoder().encodeToString(("analyst:" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + PREFIX + "/kjars"))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/java-archive")
                .POST(HttpRequest.BodyPublishers.ofByteArray(jar))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response.statusCode();
    }
}
