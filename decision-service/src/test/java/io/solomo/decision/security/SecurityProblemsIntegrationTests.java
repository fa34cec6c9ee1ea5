package io.solomo.decision.security;

import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Refused requests get an RFC 9457 problem, like every other error of the API. */
class SecurityProblemsIntegrationTests extends DemoServer {

    @Test
    void missingCredentialsGetUnauthorizedProblem() {
        ApiClient.Response response = ApiClient.on(port).get("/api/v1/customers/demo-alice/deliveries");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:solomo:problem:unauthorized");
        assertThat(response.json().get("instance").asString()).isEqualTo("/api/v1/customers/demo-alice/deliveries");
        assertThat(response.json().get("detailFr").asString()).isEqualTo("Identifiants absents ou incorrects\u00A0: "
                + "envoyez les identifiants HTTP Basic d’un utilisateur de l’API.");
    }

    @Test
    void wrongPasswordGetsUnauthorizedProblem() {
        ApiClient.Response response = ApiClient.on(port).as("app", "not-the-password")
                .get("/api/v1/customers/demo-alice/deliveries");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:solomo:problem:unauthorized");
    }

    @Test
    void missingRoleGetsForbiddenProblem() {
        ApiClient.Response response = ApiClient.on(port).as("marketer", PASSWORD).post("/api/v1/decisions",
                "{\"customerId\": \"demo-alice\"}");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:solomo:problem:forbidden");
        assertThat(response.json().get("detail").asString())
                .isEqualTo("The user 'marketer' has no role allowed to POST /api/v1/decisions.");
        assertThat(response.json().get("detailFr").asString()).isEqualTo("L’utilisateur «\u00A0marketer\u00A0» "
                + "n’a aucun rôle qui permette POST /api/v1/decisions.");
    }
}
