package io.solomo.decision.segment;

import io.solomo.decision.web.FrenchDetails;
import io.solomo.decision.web.NotFoundException;
import io.solomo.decision.web.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Stores segment definitions in table {@code segment} and counts and lists their members with one query each. Every
 * edit raises the segment's {@code version} with a conditional update, so that an edit based on an older version is
 * rejected instead of overwriting a change it never saw.
 */
@Repository
class SegmentStore {

    private static final Logger log = LoggerFactory.getLogger(SegmentStore.class);
    private static final String COLUMNS = "segment_id, name_fr, name_en, description, conditions_json, version, "
            + "created_at, updated_at";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    SegmentStore(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** Stores a new segment at version 0, or raises a 409 problem when its id is taken. */
    @Transactional
    Segment create(SegmentFields fields) {
        Instant now = clock.instant();
        try {
            jdbc.update("insert into segment (" + COLUMNS + ") values (?, ?, ?, ?, ?, 0, ?, ?)", fields.segmentId(),
                    fields.nameFr(), fields.nameEn(), fields.description(), conditionsJson(fields.conditions()),
                    utc(now), utc(now));
        } catch (DuplicateKeyException taken) {
            throw Problem.of(HttpStatus.CONFLICT, "segment-exists", "Segment exists", "a segment with id '"
                    + fields.segmentId() + "' exists already; choose another id or edit it with PUT "
                    + "/api/v1/segments/" + fields.segmentId())
                    .fr("Un segment a déjà l’identifiant " + FrenchDetails.quoted(fields.segmentId()) + " ; choisissez "
                            + "un autre identifiant ou modifiez ce segment avec PUT /api/v1/segments/"
                            + fields.segmentId() + ".")
                    .field("segmentId", fields.segmentId()).exception();
        }
        SegmentCatalogue.markChanged();
        log.info("Created segment {} with {} conditions", fields.segmentId(), fields.conditions().size());
        return segment(fields.segmentId());
    }

    @Transactional(readOnly = true)
    Segment segment(String segmentId) {
        List<Segment> found = jdbc.query("select " + COLUMNS + " from segment where segment_id = ?", rows(),
                segmentId);
        if (found.isEmpty()) {
            throw notFound(segmentId);
        }
        return found.get(0);
    }

    /** Lists segments ordered by id, after the segment id {@code after} when it is not null. */
    @Transactional(readOnly = true)
    List<Segment> list(String after, int limit) {
        if (after == null) {
            return jdbc.query("select " + COLUMNS + " from segment order by segment_id fetch first " + limit
                    + " rows only", rows());
        }
        return jdbc.query("select " + COLUMNS + " from segment where segment_id > ? order by segment_id "
                + "fetch first " + limit + " rows only", rows(), after);
    }

    /** Returns every segment, for the in-memory snapshot. */
    List<Segment> all() {
        return jdbc.query("select " + COLUMNS + " from segment order by segment_id", rows());
    }

    /**
     * Replaces the names, description and conditions of a segment whose version is {@code expectedVersion}, or of
     * any version when it is empty, and raises its version.
     */
    @Transactional
    Segment replace(OptionalLong expectedVersion, SegmentFields fields) {
        String sql = "update segment set name_fr = ?, name_en = ?, description = ?, conditions_json = ?, "
                + "version = version + 1, updated_at = ? where segment_id = ?";
        Object[] arguments = {fields.nameFr(), fields.nameEn(), fields.description(),
                conditionsJson(fields.conditions()), utc(clock.instant()), fields.segmentId()};
        int replaced = expectedVersion.isPresent()
                ? jdbc.update(sql + " and version = ?", append(arguments, expectedVersion.getAsLong()))
                : jdbc.update(sql, arguments);
        if (replaced == 0) {
            throw unchanged(fields.segmentId(), expectedVersion);
        }
        SegmentCatalogue.markChanged();
        log.info("Replaced segment {} with {} conditions", fields.segmentId(), fields.conditions().size());
        return segment(fields.segmentId());
    }

    /** Counts the profiles in the segment at the clock's instant; erased profiles never count. */
    @Transactional(readOnly = true)
    long memberCount(Segment segment) {
        SegmentSql.Query query = SegmentSql.count(segment.conditions(), clock.instant());
        return jdbc.queryForObject(query.sql(), Long.class, query.parameters().toArray());
    }

    /**
     * Lists the members after the customer id {@code after} (null for the first page), by customer id, each with the
     * attributes the conditions read.
     */
    @Transactional(readOnly = true)
    List<Map<String, Object>> members(Segment segment, String after, int limit) {
        Instant now = clock.instant();
        SegmentSql.Query query = SegmentSql.members(segment.conditions(), now, after, limit);
        return jdbc.query(query.sql(), (row, rowNumber) -> {
            Map<String, Object> member = new LinkedHashMap<>();
            member.put("customerId", row.getString(1));
            member.putAll(SegmentSql.attributes(row, segment.conditions(), now));
            return member;
        }, query.parameters().toArray());
    }

    private static NotFoundException notFound(String segmentId) {
        return new NotFoundException("segment", "segmentId", segmentId,
                "Aucun segment n’a l’identifiant " + FrenchDetails.quoted(segmentId) + ".");
    }

    private RuntimeException unchanged(String segmentId, OptionalLong expectedVersion) {
        List<Long> current = jdbc.queryForList("select version from segment where segment_id = ?", Long.class,
                segmentId);
        if (current.isEmpty()) {
            return notFound(segmentId);
        }
        String currentTag = SegmentETags.of(current.get(0));
        String expectedTag = SegmentETags.of(expectedVersion.orElseThrow());
        return Problem.of(HttpStatus.PRECONDITION_FAILED, "segment-changed", "Segment changed", "segment "
                        + segmentId + " is at version " + currentTag + ", not " + expectedTag + ", because someone "
                        + "changed it since you read it; GET it again, reapply your change and send it with "
                        + "If-Match: " + currentTag)
                .fr("Le segment " + segmentId + " est à la version " + currentTag + " et non " + expectedTag
                        + ", car il a été modifié depuis votre lecture ; relisez-le avec GET, refaites votre "
                        + "modification et envoyez-la avec If-Match : " + currentTag + ".")
                .field("If-Match", expectedTag)
                .with("currentETag", currentTag)
                .exception();
    }

    private RowMapper<Segment> rows() {
        return (row, rowNumber) -> new Segment(row.getString("segment_id"), row.getString("name_fr"),
                row.getString("name_en"), row.getString("description"),
                SegmentConditions.parse(json.readTree(row.getString("conditions_json")), storeId -> true),
                row.getLong("version"), row.getObject("created_at", OffsetDateTime.class).toInstant(),
                row.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    private String conditionsJson(List<SegmentCondition> conditions) {
        return json.writeValueAsString(conditions.stream().map(SegmentCondition::toJson).toList());
    }

    private static Object[] append(Object[] arguments, Object last) {
        Object[] appended = Arrays.copyOf(arguments, arguments.length + 1);
        appended[arguments.length] = last;
        return appended;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** The checked fields of a segment from a request. */
    record SegmentFields(String segmentId, String nameFr, String nameEn, String description,
                         List<SegmentCondition> conditions) {
    }
}
