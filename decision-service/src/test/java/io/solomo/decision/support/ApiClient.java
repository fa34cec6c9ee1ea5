package io.solomo.decision.support;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A small HTTP client for integration tests: real requests to the server on its loopback port. */
public final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String authorization;

    private ApiClient(String baseUrl, String authorization) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    public static ApiClient on(int port) {
        return new ApiClient("http://127.0.0.1:" + port, null);
    }

    public ApiClient as(String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new ApiClient(baseUrl, "Basic " + token);
    }

    public Response get(String path) {
        return send(builder(path).GET());
    }

    /** Gets a resource with an {@code Accept-Language} header. */
    public Response getAcceptingLanguage(String path, String acceptLanguage) {
        return send(builder(path).header("Accept-Language", acceptLanguage).GET());
    }

    /** Gets a resource with {@code Accept} and {@code Accept-Language} headers, as a browser sends them. */
    public Response getAccepting(String path, String accept, String acceptLanguage) {
        return send(builder(path).header("Accept", accept).header("Accept-Language", acceptLanguage).GET());
    }

    /** Sends a HEAD request, as link checkers and link previews do before or instead of a GET. */
    public Response head(String path) {
        return send(builder(path).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    public Response delete(String path) {
        return send(builder(path).DELETE());
    }

    public Response post(String path, String jsonBody) {
        return send(builder(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    public Response put(String path, String jsonBody) {
        return send(builder(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    /** Puts a body on the condition that the resource still has the entity tag {@code ifMatch}. */
    public Response put(String path, String jsonBody, String ifMatch) {
        return send(builder(path).header("Content-Type", "application/json").header("If-Match", ifMatch)
                .PUT(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    public Response post(String path, byte[] jsonBody) {
        return send(builder(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(jsonBody)));
    }

    public Response post(String path, byte[] body, String contentType) {
        return send(builder(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Response post(String path, String body, String contentType) {
        return send(builder(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Posts a body without a {@code Content-Type} header; an empty body sends none at all. */
    public Response postUndeclared(String path, String body) {
        return send(builder(path).POST(body.isEmpty()
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Posts a JSON body with an {@code Accept} header. */
    public Response postAccepting(String path, String jsonBody, String accept) {
        return send(builder(path).header("Content-Type", "application/json").header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers().firstValue("Location").orElse(null),
                    response.headers().firstValue("Allow").orElse(null),
                    response.headers().firstValue("Content-Language").orElse(null));
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /**
     * A response with its status, content type, raw body, and {@code Location}, {@code Allow} and
     * {@code Content-Language} headers (null when absent).
     */
    public record Response(int status, String contentType, byte[] body, String location, String allow,
                           String contentLanguage) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
