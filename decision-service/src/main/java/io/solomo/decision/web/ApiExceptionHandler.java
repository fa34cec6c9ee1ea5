package io.solomo.decision.web;

import io.solomo.model.decision.UnknownCustomerException;
import io.solomo.rules.RuleFiringLimitException;
import io.solomo.rules.TableTooLargeException;
import org.kie.api.runtime.rule.ConsequenceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns API errors into RFC 9457 problem details that name the invalid field and value.
 *
 * <p>Every problem carries the properties {@code field} and {@code value} when a single field is at fault. A long
 * value is shortened in {@code value}, in {@code detail} and in the log line (see {@link EchoedValues}).
 *
 * <p>A problem also carries {@code detailFr}, the same sentence in French typeset by {@link FrenchDetails}, when its
 * exception brings one, and for the generic problems of any endpoint built here: malformed bodies, unknown and
 * repeated fields, values of the wrong type, unknown paths, 405, 406, 413 and 415. Consent, rule, storage and busy
 * problems, and exceptions thrown without a French sentence, come from endpoints that the console does not call and
 * carry none.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** A location part of a Jackson message, with the words that lead to it: " (start marker at [Source: ...])". */
    private final String maxFileSize;
    private final String maxRequestSize;

    /** Takes the multipart limits as configured, with Spring Boot's defaults, to name them in a 413 problem. */
    ApiExceptionHandler(@Value("${spring.servlet.multipart.max-file-size:1MB}") String maxFileSize,
                        @Value("${spring.servlet.multipart.max-request-size:10MB}") String maxRequestSize) {
        this.maxFileSize = maxFileSize;
        this.maxRequestSize = maxRequestSize;
    }

    @ExceptionHandler(InvalidFieldException.class)
    ProblemDetail invalidField(InvalidFieldException exception) {
        ProblemDetail body = problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_FIELD, "Invalid field",
                exception.getMessage(), exception.detailFr(), exception.field(), exception.value());
        exception.problemProperties().forEach(body::setProperty);
        log.warn("Rejected request: field {} is invalid: {}", exception.field(), body.getDetail());
        return body;
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException exception) {
        return problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", exception.getMessage(),
                exception.detailFr(), exception.field(), exception.value());
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

    /** Returns a 500 problem when the rules never finish for one contact, because a rule keeps re-activating itself. */
    @ExceptionHandler(RuleFiringLimitException.class)
    ProblemDetail ruleNeverFinished(RuleFiringLimitException failure) {
        log.error("Rule '{}' failed: {}", failure.ruleName(), failure.getMessage());
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.RULE_FAILED, "Rule failed",
                failure.getMessage(), null, null);
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

    /**
     * Returns a 503 problem when the database cannot be reached. The transaction that failed was rolled back, but a
     * request written in several transactions, such as a large interaction batch, may have stored its first part, so
     * the problem does not say that nothing was stored.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException failure) {
        log.error("Database unavailable: {}", failure.toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.DATABASE_UNAVAILABLE,
                        "Database unavailable", "the database is unavailable, so the request may not have been "
                                + "stored; send it again in a few seconds",
                        "La base de données est indisponible : la requête n’a peut-être pas été enregistrée. "
                                + "Renvoyez-la dans quelques secondes.", null, null));
    }

    /**
     * Returns a 400 problem when PostgreSQL rejects a text because it contains the NUL character (SQL state 22021),
     * from an input that no check of its own covers. The request's transaction was rolled back. Every other data
     * access failure stays a server error.
     */
    @ExceptionHandler(DataAccessException.class)
    ProblemDetail dataAccess(DataAccessException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "22021".equals(sql.getSQLState())) {
                log.warn("Rejected request: the database rejected a NUL character: {}", sql.getMessage());
                return problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_FIELD, "Invalid field",
                        "a text of the request " + StorableStringDeserializer.NUL_DETAIL,
                        "Un texte de la requête " + StorableStringDeserializer.NUL_DETAIL_FR, null, null);
            }
        }
        throw failure;
    }

    @ExceptionHandler(TableTooLargeException.class)
    ProblemDetail tableTooLarge(TableTooLargeException tooLarge) {
        log.warn("Rejected rule set upload: {}", tooLarge.getMessage());
        ProblemDetail body = problem(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.CONTENT_TOO_LARGE, "Content too large",
                tooLarge.getMessage(), tooLarge.messageFr(), "file", tooLarge.file());
        body.setProperty("rows", tooLarge.rows());
        body.setProperty("maxRows", tooLarge.maxRows());
        return body;
    }

    @ExceptionHandler(ContentTooLargeException.class)
    ProblemDetail contentTooLarge(ContentTooLargeException tooLarge) {
        log.warn("Rejected request: {}", tooLarge.getMessage());
        return problem(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.CONTENT_TOO_LARGE, "Content too large",
                tooLarge.getMessage(), tooLarge.messageFr(), "body", null);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException exception,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        ProblemDetail body;
        Optional<JsonValueErrors.FieldError> duplicate = JsonValueErrors.duplicateKey(exception);
        Optional<JacksonException> atPath = JsonValueErrors.atPath(exception);
        Optional<JacksonException> atRoot = JsonValueErrors.atRoot(exception);
        if (duplicate.isPresent()) {
            body = problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_FIELD, "Invalid field",
                    duplicate.get().detail(), duplicate.get().detailFr(), duplicate.get().field(), null);
        } else if (atPath.isPresent()) {
            Object sent = exception instanceof JsonBodyNotReadableException unreadable
                    ? JsonValueErrors.valueAt(unreadable.body(), atPath.get()) : null;
            JsonValueErrors.FieldError error = JsonValueErrors.describe(atPath.get(), sent);
            body = problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_FIELD, "Invalid field", error.detail(),
                    error.detailFr(), error.field(), error.value());
        } else if (atRoot.isPresent()) {
            body = problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_BODY, "Malformed request body",
                    JsonValueErrors.describeRoot(atRoot.get()), JsonValueErrors.describeRootFr(atRoot.get()), null,
                    null);
        } else if (exception.getCause() == null && String.valueOf(exception.getMessage())
                .startsWith("Required request body is missing")) {
            // The advice to send a JSON object fits only a JSON request. The kjar upload, for one, expects a jar.
            boolean json = declaresJsonOrNothing(request);
            String detail = json ? "the request body is missing; send a JSON object" : "the request body is missing";
            String detailFr = json ? "Le corps de la requête est absent ; envoyez un objet JSON."
                    : "Le corps de la requête est absent.";
            body = problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_BODY, "Malformed request body", detail,
                    detailFr, null, null);
        } else {
            Throwable cause = exception.getMostSpecificCause();
            body = problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_BODY, "Malformed request body",
                    "the request body is not valid JSON: " + JsonSyntaxErrors.describe(cause),
                    "Le corps de la requête n’est pas du JSON valide" + JsonSyntaxErrors.locationFr(cause) + ".",
                    null, null);
        }
        log.warn("Rejected request: {}", body.getDetail());
        return ResponseEntity.badRequest().body(body);
    }

    /** Returns a 415 problem that names the Content-Type sent, or its absence, and the media type to send. */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException exception,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        String sent = request.getHeader(HttpHeaders.CONTENT_TYPE);
        String types = mediaTypes(exception.getSupportedMediaTypes());
        String send = "send " + types;
        String sendFr = "envoyez " + types + ".";
        String detail;
        String detailFr;
        if (sent == null || sent.isBlank()) {
            detail = "the request has no Content-Type; " + send;
            detailFr = "La requête n’a pas d’en-tête Content-Type ; " + sendFr;
        } else if (exception.getContentType() == null) {
            detail = "Content-Type '" + sent + "' is not a valid media type; " + send;
            detailFr = "Le Content-Type " + FrenchDetails.quoted(sent) + " n’est pas un type de média valide ; "
                    + sendFr;
        } else {
            detail = "Content-Type '" + exception.getContentType() + "' is not supported; " + send;
            detailFr = "Le Content-Type " + FrenchDetails.quoted(exception.getContentType())
                    + " n’est pas accepté ; " + sendFr;
        }
        log.warn("Rejected request: {}", detail);
        return handleExceptionInternal(exception, problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                ProblemTypes.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", detail, detailFr, null, null), headers,
                status, request);
    }

    /** Returns a 406 problem that names the media types the endpoint produces. */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException exception,
                                                                      HttpHeaders headers, HttpStatusCode status,
                                                                      WebRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        String requested = accept == null ? "the request" : "the Accept header '" + accept + "'";
        String types = mediaTypes(exception.getSupportedMediaTypes());
        String detail = requested + " lists no media type this endpoint produces; accept " + types;
        String detailFr = (accept == null ? "La requête" : "L’en-tête Accept " + FrenchDetails.quoted(accept))
                + " ne cite aucun type de média que ce point d’accès produit ; acceptez " + types + ".";
        log.warn("Rejected request: {}", detail);
        return handleExceptionInternal(exception, problem(HttpStatus.NOT_ACCEPTABLE, ProblemTypes.NOT_ACCEPTABLE,
                "Not acceptable", detail, detailFr, null, null), headers, status, request);
    }

    /** Returns a 405 problem with the {@code Allow} header that Spring puts in {@code headers}. */
    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(
            HttpRequestMethodNotSupportedException exception, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        String[] supported = exception.getSupportedMethods();
        boolean listed = supported != null && supported.length > 0;
        String detail = "method " + exception.getMethod() + " is not supported here"
                + (listed ? "; use " + String.join(", ", supported) : "");
        String detailFr = "La méthode " + exception.getMethod() + " n’est pas acceptée ici"
                + (listed ? " ; utilisez " + String.join(", ", supported) : "") + ".";
        log.warn("Rejected request: {}", detail);
        return handleExceptionInternal(exception, problem(HttpStatus.METHOD_NOT_ALLOWED,
                ProblemTypes.METHOD_NOT_ALLOWED, "Method not allowed", detail, detailFr, null, null), headers, status,
                request);
    }

    /** Returns a 413 problem that names the configured upload limits. */
    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException exception,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        String detail = "the upload is too large: each file may be at most " + maxFileSize
                + " (spring.servlet.multipart.max-file-size) and the whole request at most " + maxRequestSize
                + " (spring.servlet.multipart.max-request-size)";
        String detailFr = "L’envoi est trop volumineux : chaque fichier peut faire au plus " + maxFileSize
                + " (spring.servlet.multipart.max-file-size) et la requête entière au plus " + maxRequestSize
                + " (spring.servlet.multipart.max-request-size).";
        log.warn("Rejected request: {}", detail);
        return handleExceptionInternal(exception, problem(HttpStatus.CONTENT_TOO_LARGE,
                ProblemTypes.CONTENT_TOO_LARGE, "Content too large", detail, detailFr, null, null), headers, status,
                request);
    }

    /** Returns a 404 problem for a path that no endpoint serves, naming the method and the path. */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException exception,
                                                                    HttpHeaders headers, HttpStatusCode status,
                                                                    WebRequest request) {
        String path = "/" + exception.getResourcePath();
        String detail = "no endpoint serves " + exception.getHttpMethod() + " " + path
                + "; check the path against the API's list in the README";
        String detailFr = "Aucun point d’accès ne sert " + exception.getHttpMethod() + " " + path
                + " ; vérifiez le chemin dans la liste de l’API du README.";
        return handleExceptionInternal(exception, problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found",
                detail, detailFr, "path", path), headers, status, request);
    }

    /** Returns a 400 problem naming a query or path parameter whose text does not convert to its type. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException exception, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String field = exception.getPropertyName();
        String expected = JsonValueErrors.expected(exception.getRequiredType());
        String expectedFr = JsonValueErrors.expectedFr(exception.getRequiredType());
        String detail = field + " must be " + (expected == null ? "of another type" : expected) + ", got '"
                + exception.getValue() + "'";
        String detailFr = field + " doit être " + (expectedFr == null ? "d’un autre type" : expectedFr)
                + ", reçu " + FrenchDetails.quoted(exception.getValue()) + ".";
        ProblemDetail body = problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_FIELD, "Invalid field", detail,
                detailFr, field, exception.getValue());
        log.warn("Rejected request: {}", body.getDetail());
        return handleExceptionInternal(exception, body, headers, status, request);
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

    /** Builds a problem without {@code detailFr}, for the endpoints that the console does not call. */
    private static ProblemDetail problem(HttpStatus status, java.net.URI type, String title, String detail,
                                         String field, Object value) {
        return problem(status, type, title, detail, null, field, value);
    }

    /**
     * Builds a problem whose {@code detail} and {@code detailFr} quote a long value shortened.
     *
     * @param detailFr the French sentence, or null for a problem without {@code detailFr}
     */
    private static ProblemDetail problem(HttpStatus status, java.net.URI type, String title, String detail,
                                         String detailFr, String field, Object value) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, EchoedValues.shortenDetail(detail, value));
        problem.setType(type);
        problem.setTitle(title);
        if (detailFr != null) {
            // NOTE: a value cut for length ends in the English "... (N characters)" inside the French sentence too.
            problem.setProperty("detailFr", FrenchDetails.typeset(EchoedValues.shortenDetail(detailFr, value)));
        }
        if (field != null) {
            problem.setProperty("field", field);
            problem.setProperty("value", EchoedValues.shorten(value));
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

    /** Returns "application/json" when it is among the types, else all of them joined by "or". */
    private static String mediaTypes(List<MediaType> types) {
        if (types.isEmpty() || types.stream().anyMatch(MediaType.APPLICATION_JSON::equalsTypeAndSubtype)) {
            return MediaType.APPLICATION_JSON_VALUE;
        }
        return types.stream().map(MediaType::toString).collect(Collectors.joining(" or "));
    }
}
