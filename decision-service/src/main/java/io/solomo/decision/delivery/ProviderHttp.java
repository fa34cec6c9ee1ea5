package io.solomo.decision.delivery;

import io.solomo.decision.SettingChecks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP client of the push, SMS and webhook channels, and how their responses are classified: 2xx is accepted, 429 and
 * 5xx and network errors are transient, any other 4xx is permanent. The client prefers HTTP/2, as APNs requires,
 * and falls back to HTTP/1.1 where the server does not offer it.
 */
@Component
class ProviderHttp {

    private static final Logger log = LoggerFactory.getLogger(ProviderHttp.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Accepted responses whose body was not JSON, counted so that a provider sending many logs a line per 100. */
    private static final AtomicLong unreadableBodies = new AtomicLong();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_2)
            .connectTimeout(TIMEOUT)
            .build();
    private final Semaphore inFlight;

    /**
     * @param maxInFlight the most requests sent with {@link #sendAsync} that wait for a response at once; a further
     *                    send blocks until one completes, so a large claimed batch cannot open a connection per message
     *                    to an HTTP/1.1 provider nor wait past the timeout in the provider's queue
     */
    ProviderHttp(@Value("${solomo.delivery.max-in-flight:128}") int maxInFlight) {
        SettingChecks.atLeast("solomo.delivery.max-in-flight", maxInFlight, 1);
        this.inFlight = new Semaphore(maxInFlight);
    }

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

    /**
     * Sends the request without blocking a thread. The future returns the response, or fails with a transient
     * {@link DeliveryFailure} when none arrived.
     */
    CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest.Builder request, String provider) {
        try {
            inFlight.acquire();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(DeliveryFailure.transientFailure(provider
                    + " request was interrupted", interrupted));
        }
        CompletableFuture<HttpResponse<String>> sent;
        try {
            sent = client.sendAsync(request.timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (RuntimeException invalid) {
            inFlight.release();
            throw invalid;
        }
        return sent.handle((response, failure) -> {
            inFlight.release();
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                throw DeliveryFailure.transientFailure(provider + " request failed: " + cause, cause);
            }
            return response;
        });
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

    /**
     * Returns a text field of an accepted response's JSON body, or {@code fallback} when the body is empty, is not
     * JSON or lacks the field. The provider has accepted the message whatever its body contains, so an unreadable
     * body must not fail the delivery, which would send the message again.
     */
    static String acceptedField(ObjectMapper json, HttpResponse<String> response, String field, String fallback,
                                String provider) {
        String body = response.body();
        if (body == null || body.isBlank()) {
            return fallback;
        }
        try {
            return json.readTree(body).path(field).asString(fallback);
        } catch (JacksonException unreadable) {
            long count = unreadableBodies.incrementAndGet();
            if (count % 100 == 1) {
                log.warn("{} accepted message {} with a body that is not JSON ({} such bodies so far), so its {} "
                        + "is unknown: {}", provider, fallback, count, field, abbreviate(body));
            }
            return fallback;
        }
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
