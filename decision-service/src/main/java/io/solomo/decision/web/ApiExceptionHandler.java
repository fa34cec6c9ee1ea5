package io.solomo.decision.web;

import io.solomo.model.decision.UnknownCustomerException;
import org.kie.api.runtime.rule.ConsequenceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns API errors into RFC 9457 problem details that name the invalid field and value.
 *
 * <p>Every problem carries the properties {@code field} and {@code value} when a single field is at fault.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(InvalidFieldException.class)
    ProblemDetail invalidField(InvalidFieldException exception) {
        log.warn("Rejected request: field {} is invalid: {}", exception.field(), exception.getMessage());
        return problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_FIELD, "Invalid field", exception.getMessage(),
                exception.field(), exception.value());
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException exception) {
        return problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", exception.getMessage(),
                exception.field(), exception.value());
    }

    @ExceptionHandler(ConsentMissingException.class)
    ProblemDetail consentMissing(ConsentMissingException exception) {
        log.warn("Rejected request for customer {}: no granted consent for {}", exception.customerId(),
                exception.purpose());
        return problem(HttpStatus.FORBIDDEN, ProblemTypes.CONSENT_MISSING, "Consent missing", exception.getMessage(),
                "customerId", exception.customerId());
    }

    @ExceptionHandler(UnknownCustomerException.class)
    ProblemDetail unknownCustomer(UnknownCustomerException exception) {
        return problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", exception.getMessage(),
                "customerId", exception.customerId());
    }

    /** Answers 500 when a rule's consequence throws, because the rules are at fault, not the request. */
    @ExceptionHandler(ConsequenceException.class)
    ProblemDetail ruleFailed(ConsequenceException failure) {
        String rule = failure.getMatch() == null ? "unknown" : failure.getMatch().getRule().getName();
        log.error("Rule '{}' failed", rule, failure);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.RULE_FAILED, "Rule failed",
                "rule '" + rule + "' failed: " + failure.getCause(), null, null);
    }

    /** Returns a 503 problem, because nothing of the request was stored and sending it again is safe. */
    @ExceptionHandler(NotStoredException.class)
    ProblemDetail notStored(NotStoredException failure) {
        log.error("Request not stored: {}", failure.getMessage(), failure.getCause());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.NOT_STORED, "Not stored", failure.getMessage(),
                null, null);
    }

    /** Returns a 503 problem with {@code Retry-After}, because the request waited for a slot and never ran. */
    @ExceptionHandler(ServerBusyException.class)
    ResponseEntity<ProblemDetail> busy(ServerBusyException busy) {
        log.warn("Rejected request: {}", busy.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, busy.retryAfter().toSeconds())))
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.BUSY, "Busy", busy.getMessage(), null,
                        null));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException exception,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        ProblemDetail body;
        Optional<JacksonException> atPath = JsonValueErrors.atPath(exception);
        if (atPath.isPresent()) {
            JsonValueErrors.FieldError error = JsonValueErrors.describe(atPath.get());
            body = problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_FIELD, "Invalid field", error.detail(),
                    error.field(), error.value());
        } else if (exception.getCause() == null && String.valueOf(exception.getMessage())
                .startsWith("Required request body is missing")) {
            // The advice to send a JSON object fits only a JSON request. The kjar upload, for one, expects a jar.
            String detail = declaresJsonOrNothing(request)
                    ? "the request body is missing; send a JSON object" : "the request body is missing";
            body = problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_BODY, "Malformed request body", detail,
                    null, null);
        } else {
            String reason = exception.getMostSpecificCause().getMessage();
            body = problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_BODY, "Malformed request body",
                    "the request body is not valid JSON: " + firstLine(reason), null, null);
        }
        log.warn("Rejected request: {}", body.getDetail());
        return ResponseEntity.badRequest().body(body);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException exception,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        var error = exception.getBindingResult().getFieldErrors().get(0);
        String detail = exception.getBindingResult().getFieldErrors().stream()
                .map(fieldError -> fieldError.getField() + " " + fieldError.getDefaultMessage()
                        + " (got " + fieldError.getRejectedValue() + ")")
                .collect(Collectors.joining("; "));
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_FIELD,
                "Invalid field", detail, error.getField(), error.getRejectedValue()));
    }

    private static ProblemDetail problem(HttpStatus status, java.net.URI type, String title, String detail,
                                         String field, Object value) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        if (field != null) {
            problem.setProperty("field", field);
            problem.setProperty("value", value);
        }
        return problem;
    }

    /** Tells whether the request declares a JSON body, or no Content-Type at all. */
    private static boolean declaresJsonOrNothing(WebRequest request) {
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        try {
            MediaType declared = MediaType.parseMediaType(contentType);
            return MediaType.APPLICATION_JSON.isCompatibleWith(declared) || declared.getSubtype().endsWith("+json");
        } catch (InvalidMediaTypeException invalid) {
            return false;
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "empty body";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
