package io.solomo.decision.offer;

import io.solomo.decision.offer.DecisionController.DecisionBody;
import io.solomo.decision.offer.DecisionController.DecisionView;
import io.solomo.decision.web.JsonBodies;
import io.solomo.decision.web.JsonBodyNotReadableException;
import io.solomo.decision.web.StrictJson;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.List;

/**
 * Serves {@code POST /api/v1/decisions}, the synchronous decision, as a servlet of its own beside Spring MVC's
 * dispatcher.
 *
 * <p>Applications call this endpoint at every contact. It reads one small JSON object and writes one. Spring MVC's
 * handler lookup, argument resolution, content negotiation and message converters add nothing to that, yet they
 * took about a tenth of the request threads' CPU in a profile of the decision benchmark (docs/benchmarks.md).
 *
 * <p>The responses are those of the MVC endpoint this servlet replaces, except that the body is read strictly. The
 * JSON comes from the application's {@link JsonMapper}, and errors become the same RFC 9457 problems through the
 * application's exception resolver: an invalid field, an unknown field, a fractional number for an integer field or
 * a malformed body (400), a body that is not JSON (415), an {@code Accept} header without JSON (406) and a method
 * other than POST (405). Spring Security and the HTTP metrics filter run in front of it as in front of every
 * request.
 */
final class DecisionServlet extends HttpServlet {

    static final String PATH = "/api/v1/decisions";

    /** The largest body read. A decision request takes a few hundred bytes; a larger one is a 413 problem. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private static final List<MediaType> JSON =
            List.of(MediaType.APPLICATION_JSON, new MediaType("application", "*+json"));

    private final transient DecisionEngine engine;
    private final transient ObjectReader bodyReader;
    private final transient ObjectWriter viewWriter;
    private final transient HandlerExceptionResolver errors;

    DecisionServlet(DecisionEngine engine, JsonMapper json, HandlerExceptionResolver errors) {
        this.engine = engine;
        // A misspelt or unsupported field such as "trigger" would otherwise be dropped and the decision run without
        // it. Duplicate keys and scalar coercion are rejected as on the other bodies apps send (see StrictJson).
        // DecisionBody reads maxOffers so that 2.5 is not cut to 2. The reader is built once, at start-up.
        this.bodyReader = StrictJson.rejectingDuplicateKeys(StrictJson.withoutScalarCoercion(json)
                .readerFor(DecisionBody.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
        this.viewWriter = json.writerFor(DecisionView.class);
        this.errors = errors;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try {
            if (!"POST".equals(request.getMethod())) {
                throw new HttpRequestMethodNotSupportedException(request.getMethod(), List.of("POST"));
            }
            // Spring MVC sets the matched pattern as the uri tag of http.server.requests. Without it the
            // decisions would be counted under uri=UNKNOWN, together with the KIE batches.
            ServerHttpObservationFilter.findObservationContext(request)
                    .ifPresent(context -> context.setPathPattern(PATH));
            // Without a Content-Type, whether a body came decides between 400 and 415, so only then is it read
            // before the checks.
            byte[] bytes = request.getContentType() == null ? JsonBodies.read(request, MAX_BODY_BYTES, null) : null;
            MediaType contentType = requireJsonBody(request, bytes == null || bytes.length > 0);
            requireJsonAccepted(request);
            if (bytes == null) {
                bytes = JsonBodies.read(request, MAX_BODY_BYTES, null);
            }
            DecisionBody body = read(request, bytes, contentType.getCharset());
            JsonBodies.writeOk(response, viewWriter, DecisionView.of(engine.decideInDetail(body.toRequest())));
        } catch (Exception failure) {
            if (errors.resolveException(request, response, null, failure) == null) {
                throw new ServletException(failure);
            }
        }
    }

    /**
     * Reads the body. Jackson detects UTF-8, UTF-16 and UTF-32 by itself. A body in another declared charset is
     * decoded with that charset first, as Spring MVC's Jackson converter does.
     */
    private DecisionBody read(HttpServletRequest request, byte[] bytes, Charset declaredCharset) {
        if (bytes.length == 0) {
            throw missingBody(request);
        }
        try {
            DecisionBody body = declaredCharset == null || declaredCharset.name().startsWith("UTF-")
                    ? bodyReader.readValue(bytes)
                    : bodyReader.readValue(new String(bytes, declaredCharset));
            if (body == null) {
                throw new HttpMessageNotReadableException("the request body is JSON null, not an object",
                        new ServletServerHttpRequest(request));
            }
            return body;
        } catch (JacksonException invalid) {
            throw new JsonBodyNotReadableException("JSON parse error: " + invalid.getOriginalMessage(), invalid,
                    new ServletServerHttpRequest(request), bytes);
        }
    }

    private static HttpMessageNotReadableException missingBody(HttpServletRequest request) {
        return new HttpMessageNotReadableException("Required request body is missing",
                new ServletServerHttpRequest(request));
    }

    /**
     * Returns the declared content type of the body, and rejects one that is not JSON, as Spring MVC's message
     * converters do. Like them, it reports a request with neither body nor content type as a missing body (400),
     * not as an unsupported media type (415).
     */
    private static MediaType requireJsonBody(HttpServletRequest request, boolean hasBody)
            throws HttpMediaTypeNotSupportedException {
        String contentType = request.getContentType();
        if (contentType == null) {
            if (!hasBody) {
                throw missingBody(request);
            }
            throw new HttpMediaTypeNotSupportedException(null, JSON, null);
        }
        MediaType declared;
        try {
            declared = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException invalid) {
            throw new HttpMediaTypeNotSupportedException(invalid.getMessage(), JSON);
        }
        if (!isJson(declared)) {
            throw new HttpMediaTypeNotSupportedException(declared, JSON, null);
        }
        return declared;
    }

    /** Rejects a request whose {@code Accept} header lists no JSON media type, as content negotiation does. */
    private static void requireJsonAccepted(HttpServletRequest request) throws HttpMediaTypeNotAcceptableException {
        String accept = request.getHeader("Accept");
        if (accept == null || accept.isBlank() || accept.equals(MediaType.APPLICATION_JSON_VALUE)) {
            return;
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException invalid) {
            throw new HttpMediaTypeNotAcceptableException(invalid.getMessage());
        }
        if (accepted.stream().noneMatch(type -> type.isCompatibleWith(MediaType.APPLICATION_JSON) || isJson(type))) {
            throw new HttpMediaTypeNotAcceptableException(JSON);
        }
    }

    private static boolean isJson(MediaType type) {
        return MediaType.APPLICATION_JSON.isCompatibleWith(type)
                || "application".equals(type.getType()) && type.getSubtype().endsWith("+json");
    }
}
