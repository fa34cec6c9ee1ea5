package io.solomo.decision.delivery;

import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The HTTP client of the push, SMS and webhook channels, and how their responses are classified: 2xx is accepted, 429 and
 * 5xx and network errors are transient, any other 4xx is permanent. The client prefers HTTP/2, as APNs requires,
 * and falls back to HTTP/1.1 where the server does not offer it.
 */
@Component
class ProviderHttp {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_2)
            .connectTimeout(TIMEOUT)
            .build();

    /** Sends the request and returns the response, or throws a transient failure when none arrived. */
    HttpResponse<String> send(HttpRequest.Builder request, String provider) {
        try {
            return client.send(request.timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException failed) {
            throw DeliveryFailure.transientFailure(provider + " request failed: " + failed, failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw DeliveryFailure.transientFailure(provider + " request was interrupted", interrupted);
        }
    }

    /** Throws the failure that a non-2xx response means, and returns quietly on 2xx. */
    static void requireAccepted(HttpResponse<String> response, String provider) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        String reason = provider + " responded " + status + ": " + abbreviate(response.body());
        if (status == 429) {
            long retryAfter = response.headers().firstValue("Retry-After").map(ProviderHttp::seconds).orElse(0L);
            throw DeliveryFailure.throttled(reason, retryAfter);
        }
        if (status >= 400 && status < 500) {
            throw DeliveryFailure.permanent(reason);
        }
        throw DeliveryFailure.transientFailure(reason, null);
    }

    private static long seconds(String retryAfter) {
        try {
            return Long.parseLong(retryAfter.trim());
        } catch (NumberFormatException httpDate) {
            return 0;
        }
    }

    static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        return body.length() <= 300 ? body : body.substring(0, 300) + "...";
    }
}
