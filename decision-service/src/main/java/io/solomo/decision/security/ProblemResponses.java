package io.solomo.decision.security;

import io.solomo.decision.web.FrenchDetails;
import io.solomo.decision.web.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;

/**
 * Writes an RFC 9457 problem for a request without valid credentials (401), without the role its endpoint needs
 * (403), or rejected by the firewall (400), like every other error of the API, instead of Spring Security's default
 * body. Each problem carries its French sentence in {@code detailFr}, since the console meets them all.
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
    private static final String REALM = "Basic realm=\"solomo\"";

    private final ObjectMapper json;

    ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException failure) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, REALM);
        write(request, response, HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "Unauthorized",
                "Missing or invalid credentials: send HTTP Basic credentials of an API user.",
                "Identifiants absents ou incorrects : envoyez les identifiants HTTP Basic d’un utilisateur de l’API.");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       AccessDeniedException denied) throws IOException {
        String user = request.getRemoteUser();
        write(request, response, HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden",
                "The user " + (user == null ? "" : "'" + user + "' ")
                        + "has no role allowed to " + request.getMethod() + " " + request.getRequestURI() + ".",
                "L’utilisateur " + (user == null ? "" : FrenchDetails.quoted(user) + " ")
                        + "n’a aucun rôle qui permette " + request.getMethod() + " " + request.getRequestURI() + ".");
    }

    /** Writes a 400 problem for a request that the firewall rejects, such as one whose path contains "//". */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       RequestRejectedException rejected) throws IOException {
        log.warn("Rejected request {} {}: {}", request.getMethod(), request.getRequestURI(), rejected.getMessage());
        write(request, response, HttpStatus.BAD_REQUEST, ProblemTypes.REJECTED_REQUEST, "Rejected request",
                rejected.getMessage() + "; send the request without it.",
                "Le pare-feu du serveur a refusé la requête (" + rejected.getMessage()
                        + ") ; envoyez-la sans l’élément cité.");
    }

    /** Writes a 403 problem for a state-changing request that a browser sent from another site. */
    void rejectCrossSite(HttpServletRequest request, HttpServletResponse response, String site) throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, ProblemTypes.CROSS_SITE_REQUEST, "Cross-site request",
                "A browser sent this " + request.getMethod() + " from another site (Sec-Fetch-Site: " + site
                        + "). Use the console on this server, or send the request from an API client.",
                "Un navigateur a envoyé ce " + request.getMethod() + " depuis un autre site (Sec-Fetch-Site : "
                        + site + "). Utilisez la console de ce serveur, ou envoyez la requête depuis un client "
                        + "de l’API.");
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, URI type,
                       String title, String detail, String detailFr) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        problem.setProperty("detailFr", FrenchDetails.typeset(detailFr));
        try {
            problem.setInstance(URI.create(request.getRequestURI()));
        } catch (IllegalArgumentException notAUri) {
            // A path the firewall rejected may be no valid URI; the problem then names no instance.
        }
        byte[] body = json.writeValueAsBytes(problem);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
