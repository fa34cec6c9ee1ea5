package io.solomo.decision.security;

import io.solomo.decision.support.DemoServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser that stores a Basic login sends it with a form that another site posts, so the API rejects state changes
 * that a browser marks as sent from another site, and serves everything else as before.
 */
class CrossSiteRequestIntegrationTests extends DemoServer {

    /** No campaign has this id, so a request that gets past the cross-site check gets a 404. */
    private static final String APPROVE_MISSING = "/api/v1/local-campaigns/987654/approve";

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String path, String password, String fetchSite)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("marketer:" + password).getBytes(StandardCharsets.UTF_8)))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (fetchSite != null) {
            request.header("Sec-Fetch-Site", fetchSite);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void crossSitePostRejected() throws Exception {
        HttpResponse<String> response = send("POST", APPROVE_MISSING, PASSWORD, "cross-site");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.body()).contains("urn:solomo:problem:cross-site-request");
        assertThat(response.body()).contains("Sec-Fetch-Site: cross-site");
    }

    @Test
    void sameSitePostRejected() throws Exception {
        HttpResponse<String> response = send("POST", APPROVE_MISSING, PASSWORD, "Same-Site");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("urn:solomo:problem:cross-site-request");
    }

    @Test
    void crossSiteRejectedBeforeAuthentication() throws Exception {
        HttpResponse<String> response = send("POST", APPROVE_MISSING, "wrong-password", "cross-site");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void sameOriginAndApiClientsPass() throws Exception {
        assertThat(send("POST", APPROVE_MISSING, PASSWORD, "same-origin").statusCode()).isEqualTo(404);
        assertThat(send("POST", APPROVE_MISSING, PASSWORD, "none").statusCode()).isEqualTo(404);
        assertThat(send("POST", APPROVE_MISSING, PASSWORD, null).statusCode()).isEqualTo(404);
    }

    @Test
    void crossSiteReadsPass() throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/local-campaigns", PASSWORD, "cross-site");

        assertThat(response.statusCode()).isEqualTo(200);
    }
}
