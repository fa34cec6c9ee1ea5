package io.solomo.decision.segment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.solomo.decision.store.StoreCatalog;
import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.Problem;
import io.solomo.decision.web.RejectUnknownFields;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.solomo.decision.web.FrenchDetails.quoted;
import static io.solomo.decision.web.RequestFields.optionalText;
import static io.solomo.decision.web.RequestFields.requireText;

/**
 * Named segments for head-office marketers: define them, see how many customers they contain and list those
 * customers. Every segment response carries the segment's version as its {@code ETag}, and
 * {@code PUT /api/v1/segments/{segmentId}} requires that tag in {@code If-Match} (or {@code *}), as offers do.
 */
@RestController
class SegmentController {

    /** Segment ids follow the rule of offer ids: letters, digits, '.', '_' and '-', starting with a letter or digit. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    static final int MAX_ID_LENGTH = 100;
    static final int MAX_NAME_LENGTH = 300;
    static final int MAX_DESCRIPTION_LENGTH = 1000;
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private final SegmentStore store;
    private final StoreCatalog stores;

    SegmentController(SegmentStore store, StoreCatalog stores) {
        this.store = store;
        this.stores = stores;
    }

    @PostMapping("/api/v1/segments")
    ResponseEntity<SegmentView> create(@RequestBody SegmentBody body) {
        SegmentView created = view(store.create(fields(null, body)));
        return ResponseEntity.created(URI.create("/api/v1/segments/" + created.segmentId()))
                .eTag(SegmentETags.of(created.version())).body(created);
    }

    /**
     * Lists segments ordered by id, without their member counts, which take a query each. {@code after} takes the
     * last segment id of the previous page to read the next one.
     */
    @GetMapping("/api/v1/segments")
    List<SegmentView> list(@RequestParam(required = false) String after,
                           @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit) {
        checkLimit(limit);
        String afterId = after == null || after.isBlank() ? null : after.trim();
        return store.list(afterId, limit).stream().map(segment -> SegmentView.of(segment, null)).toList();
    }

    @GetMapping("/api/v1/segments/{segmentId}")
    ResponseEntity<SegmentView> segment(@PathVariable String segmentId) {
        return withETag(view(store.segment(segmentId)));
    }

    @PutMapping("/api/v1/segments/{segmentId}")
    ResponseEntity<SegmentView> replace(@PathVariable String segmentId,
                                        @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                        @RequestBody SegmentBody body) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw Problem.of(HttpStatus.PRECONDITION_REQUIRED, "if-match-missing", "If-Match missing",
                    "PUT /api/v1/segments/" + segmentId + " requires If-Match with the ETag of the segment as GET "
                            + "returned it, such as \"3\", so that it cannot overwrite a change made since; send * "
                            + "to overwrite whatever is stored")
                    .fr("PUT /api/v1/segments/" + segmentId + " exige l’en-tête If-Match avec l’ETag du segment tel "
                            + "que GET l’a renvoyé, par exemple \"3\", afin de ne pas écraser une modification faite "
                            + "depuis ; envoyez * pour écraser la version enregistrée, quelle qu’elle soit.")
                    .field("If-Match", null).exception();
        }
        SegmentStore.SegmentFields fields = fields(segmentId, body);
        return withETag(view(store.replace(SegmentETags.versionIn(ifMatch), fields)));
    }

    /**
     * Lists the segment's members ordered by customer id, each with the attributes its conditions read, at most
     * {@code limit}. {@code after} takes the last customer id of the previous page to read the next one.
     */
    @GetMapping("/api/v1/segments/{segmentId}/members")
    List<Map<String, Object>> members(@PathVariable String segmentId,
                                      @RequestParam(required = false) String after,
                                      @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit) {
        checkLimit(limit);
        String afterId = after == null || after.isBlank() ? null : after.trim();
        return store.members(store.segment(segmentId), afterId, limit);
    }

    private SegmentView view(Segment segment) {
        return SegmentView.of(segment, store.memberCount(segment));
    }

    private SegmentStore.SegmentFields fields(String pathId, SegmentBody body) {
        if (body == null) {
            throw new InvalidFieldException("body", null, "the request body is missing; send a JSON segment",
                    "Le corps de la requête est absent ; envoyez un segment en JSON.");
        }
        String segmentId;
        if (pathId == null) {
            segmentId = requireId(body.segmentId());
        } else {
            segmentId = pathId;
            if (body.segmentId() != null && !body.segmentId().equals(pathId)) {
                throw new InvalidFieldException("segmentId", body.segmentId(), "segmentId in the body must be the "
                        + "id of the path, " + pathId + ", or left out; a segment cannot change its id",
                        "segmentId dans le corps doit être l’identifiant du chemin, " + pathId + ", ou être omis ; "
                                + "un segment ne peut pas changer d’identifiant.");
            }
        }
        String nameFr = requireText("nameFr", body.nameFr(), MAX_NAME_LENGTH);
        String nameEn = requireText("nameEn", body.nameEn(), MAX_NAME_LENGTH);
        String description = optionalText("description", body.description(), MAX_DESCRIPTION_LENGTH);
        List<SegmentCondition> conditions = SegmentConditions.parse(body.conditions(),
                storeId -> stores.find(storeId).isPresent());
        return new SegmentStore.SegmentFields(segmentId, nameFr, nameEn, description, conditions);
    }

    private static String requireId(String value) {
        String id = requireText("segmentId", value, MAX_ID_LENGTH);
        if (!ID.matcher(id).matches()) {
            throw new InvalidFieldException("segmentId", id, "segmentId must contain only letters, digits, '.', '_' "
                    + "and '-', starting with a letter or digit, got '" + id + "'", "segmentId ne doit contenir que "
                    + "des lettres, des chiffres, « . », « _ » et « - », et commencer par une lettre ou un chiffre, "
                    + "reçu " + quoted(id) + ".");
        }
        return id;
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidFieldException("limit", limit, "limit must be within 1.." + MAX_LIMIT + ", got " + limit,
                    "limit doit être compris entre 1 et " + MAX_LIMIT + ", reçu " + limit + ".");
        }
    }

    private static ResponseEntity<SegmentView> withETag(SegmentView view) {
        return ResponseEntity.ok().eTag(SegmentETags.of(view.version())).body(view);
    }

    /**
     * A segment as a marketer writes it. {@code segmentId} is required on creation and may repeat the path's id on
     * replacement; {@code conditions} is a list of {@code {"field", "operator", "value"}} that must all hold.
     */
    @RejectUnknownFields
    record SegmentBody(String segmentId, String nameFr, String nameEn, String description, JsonNode conditions) {
    }

    /**
     * A segment as stored, with its version, which is also its ETag. {@code memberCount} counts the customers in it
     * now, and is left out of lists.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SegmentView(String segmentId, String nameFr, String nameEn, String description,
                       List<Map<String, Object>> conditions, Long memberCount, long version, Instant createdAt,
                       Instant updatedAt) {

        static SegmentView of(Segment segment, Long memberCount) {
            return new SegmentView(segment.segmentId(), segment.nameFr(), segment.nameEn(), segment.description(),
                    segment.conditions().stream().map(SegmentCondition::toJson).toList(), memberCount,
                    segment.version(), segment.createdAt(), segment.updatedAt());
        }
    }
}
