package io.solomo.decision.web;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.HtmlUtils;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Responses to the public links that a phone's browser opens ({@code /q/{code}}, {@code /s/{code}},
 * {@code /t/{deliveryId}}) when the link is unknown. A browser gets a small page in French and English; an API
 * client gets the same 404 problem as from any other endpoint.
 */
public final class PublicLinkPages {

    private static final Logger log = LoggerFactory.getLogger(PublicLinkPages.class);

    private static final List<MediaType> HTML = List.of(MediaType.TEXT_HTML, MediaType.APPLICATION_XHTML_XML);

    private PublicLinkPages() {
    }

    /**
     * Returns a 404 for an unknown public link: an HTML page with {@code french} and {@code english}, two plain-text
     * sentences, when the client prefers HTML, else the problem that names the field and the value.
     */
    public static ResponseEntity<Object> notFound(HttpServletRequest request, NotFoundException failure,
                                                  String french, String english) {
        log.info("Unknown public link {}: {}", request.getRequestURI(), failure.getMessage());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.NOT_FOUND)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT);
        if (prefersHtml(request.getHeader(HttpHeaders.ACCEPT))) {
            return response.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                    .body(page(french, english));
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, failure.getMessage());
        problem.setType(ProblemTypes.NOT_FOUND);
        problem.setTitle("Not found");
        problem.setProperty("field", failure.field());
        problem.setProperty("value", failure.value());
        return response.body(problem);
    }

    /**
     * Tells whether the Accept header names an HTML type, not only a wildcard, with a quality at least that of every
     * JSON type it names. A browser sends {@code text/html,...,*}{@code /*;q=0.8}; curl sends {@code *}{@code /*}.
     */
    static boolean prefersHtml(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException invalid) {
            return false;
        }
        double html = 0;
        double json = 0;
        for (MediaType type : accepted) {
            if (type.isWildcardType() || type.isWildcardSubtype()) {
                continue;
            }
            if (HTML.stream().anyMatch(type::equalsTypeAndSubtype)) {
                html = Math.max(html, type.getQualityValue());
            } else if ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json")) {
                json = Math.max(json, type.getQualityValue());
            }
        }
        return html > 0 && html >= json;
    }

    private static String page(String french, String english) {
        return """
                <!DOCTYPE html>
                <html><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width">
                <title>Lien inconnu / Unknown link</title></head>
                <body>
                <p lang="fr">%s</p>
                <p lang="en">%s</p>
                </body></html>""".formatted(HtmlUtils.htmlEscape(french), HtmlUtils.htmlEscape(english));
    }
}
