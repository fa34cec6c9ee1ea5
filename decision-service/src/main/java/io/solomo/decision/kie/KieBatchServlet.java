package io.solomo.decision.kie;

import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.JsonBodies;
import io.solomo.decision.web.NotFoundException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.List;

/**
 * Serves {@code POST <prefix>/containers/instances/{containerId}}, the KIE batch endpoint, as a servlet of its own
 * beside Spring MVC's dispatcher.
 *
 * <p>This is the endpoint KIE clients call on every decision. A batch reads bytes and writes bytes, so Spring MVC's
 * handler lookup, argument resolution and message converters add nothing to it, yet they cost as much CPU per request
 * as the rules do (profile in docs/benchmarks.md). Spring Security and the HTTP metrics filter still run in front of
 * this servlet as in front of every request, and errors become the same problem details through the application's
 * exception resolver.
 */
final class KieBatchServlet extends HttpServlet {

    private final transient RuleExecution execution;
    private final transient HandlerExceptionResolver errors;
    private final String pathPattern;
    private final int maxBatchBytes;

    /**
     * @param pathPrefix    the KIE Server path prefix, for the {@code uri} tag of the HTTP metrics
     * @param maxBatchBytes the largest body read; a larger one is a 413 problem
     */
    KieBatchServlet(RuleExecution execution, HandlerExceptionResolver errors, String pathPrefix, int maxBatchBytes) {
        this.execution = execution;
        this.errors = errors;
        this.pathPattern = pathPrefix + "/containers/instances/{containerId}";
        this.maxBatchBytes = maxBatchBytes;
    }

    /**
     * Rejects every method but POST and OPTIONS with a 405 problem naming POST, in place of the servlet container's
     * default error page.
     */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String method = request.getMethod();
        if (method.equals("POST") || method.equals("OPTIONS")) {
            super.service(request, response);
            return;
        }
        HttpRequestMethodNotSupportedException notPost = new HttpRequestMethodNotSupportedException(method,
                List.of("POST"));
        if (errors.resolveException(request, response, null, notPost) == null) {
            super.service(request, response);
        }
    }

    /**
     * Runs a batch of commands. {@code session=shared} runs it in the container's shared stateful session, as a
     * stand-alone KIE Server always does; without it the batch gets a session of its own.
     */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Spring MVC sets the matched pattern as the uri tag of http.server.requests. Without it the batches would be
        // counted under uri=UNKNOWN.
        ServerHttpObservationFilter.findObservationContext(request)
                .ifPresent(context -> context.setPathPattern(pathPattern));
        try {
            String containerId = containerId(request.getPathInfo());
            String session = request.getParameter("session");
            if (session != null && !session.equals("shared")) {
                throw new InvalidFieldException("session", session, "session may only be 'shared' (the "
                        + "container's shared stateful session); leave it out for a session of the batch's own");
            }
            byte[] body = JsonBodies.read(request, maxBatchBytes, "solomo.kie.max-batch-size");

            ObjectNode results = execution.execute(containerId, FactMarshaller.parse(body), session != null);
            // Serialised in full before it is sent, so a fact that fails to serialise still gets a problem
            // response, and the known length spares Tomcat the chunked encoding.
            JsonBodies.writeOk(response, FactMarshaller.writer(), KieResponses.envelope(
                    "Container " + containerId + " successfully called.", "execution-results", results));
        } catch (RuntimeException failure) {
            if (errors.resolveException(request, response, null, failure) == null) {
                throw failure;
            }
        }
    }

    /** Returns the container id: the one path segment after {@code containers/instances/}, already decoded. */
    private static String containerId(String pathInfo) {
        String segment = pathInfo == null ? "" : pathInfo.substring(1);
        if (segment.isEmpty() || segment.contains("/")) {
            throw new NotFoundException("container", "containerId", segment);
        }
        return segment;
    }
}
