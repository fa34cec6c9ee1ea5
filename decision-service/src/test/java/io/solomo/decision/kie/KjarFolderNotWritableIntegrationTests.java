package io.solomo.decision.kie;

import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A kjar upload while {@code solomo.kie.kjar-folder} cannot be created: the folder is set below {@code pom.xml}, a
 * regular file of the module, which fails the same way for every user, root included.
 */
@TestPropertySource(properties = "solomo.kie.kjar-folder=pom.xml/kjars")
class KjarFolderNotWritableIntegrationTests extends DemoServer {

    @Test
    void uploadReturnsProblemNamingTheSetting() {
        ApiClient analyst = ApiClient.on(port).as("analyst", PASSWORD);

        ApiClient.Response response = analyst.post("/services/rest/server/kjars",
                TestKjars.samplesKjar("io.solomo.test", "unwritable", "1.0.0"), "application/java-archive");

        assertThat(response.status()).as(response.text()).isEqualTo(503);
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("urn:solomo:problem:not-stored");
        String detail = problem.get("detail").asString();
        assertThat(detail).contains("solomo.kie.kjar-folder");
        assertThat(detail).contains(Path.of("pom.xml", "kjars").toAbsolutePath().toString());
        assertThat(detail).contains("io.solomo.test:unwritable:1.0.0");
        assertThat(detail).doesNotContain("Exception");
    }
}
