package io.solomo.decision.profile;

import io.solomo.decision.web.NotFoundException;
import jakarta.persistence.EntityManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rights of a data subject: an export of everything held on a person, and an erasure that removes their
 * personal data while keeping anonymous aggregates for statistics.
 *
 * <p>Other features keep rows by customer id in {@code delivery}, {@code coupon}, {@code decision_record} and
 * {@code location_event}. A merge moves them to the survivor ({@link MergedProfileRows}), and they are still also
 * looked up under each absorbed id for rows that a database older than migration V13_1 may hold there.
 */
@Service
class DataSubjectRights {

    /** Attributes of an interaction that carry no personal data and feed the anonymous aggregates. */
    private static final Set<String> AGGREGATE_ATTRIBUTES = Set.of("storeId", "amount", "lines");
    /** Tables of other features holding rows by customer id, exported as they are. */
    private static final List<String> OTHER_TABLES = List.of("delivery", "coupon", "decision_record",
            "location_event", "review", "customer_import_row");

    private static final Logger log = LoggerFactory.getLogger(DataSubjectRights.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CustomerDirectory directory;
    private final CustomerMergeRepository merges;
    private final InteractionRepository interactions;
    private final EntityManager entityManager;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    DataSubjectRights(CustomerDirectory directory, CustomerMergeRepository merges, InteractionRepository interactions,
                      EntityManager entityManager, JdbcTemplate jdbc, Clock clock) {
        this.directory = directory;
        this.merges = merges;
        this.interactions = interactions;
        this.entityManager = entityManager;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Returns everything held on the person, keyed by what it is. */
    @Transactional(readOnly = true)
    Map<String, Object> export(String customerId) {
        Customer customer = find(customerId);
        Instant now = clock.instant();
        List<CustomerMerge> absorbed = merges.findBySurvivorIdOrderByMergedAtAscIdAsc(customer.customerId());

        Map<String, Object> export = new LinkedHashMap<>();
        export.put("customerId", customer.customerId());
        export.put("exportedAt", now);
        export.put("displayName", customer.displayName());
        export.put("createdAt", customer.createdAt());
        export.put("erasedAt", customer.erasedAt());
        export.put("profile", ProfileView.of(customer, absorbed, now));
        export.put("consentHistory", ProfileView.ConsentsView.of(customer).history());
        List<Map<String, Object>> interactionRows = new ArrayList<>();
        for (Interaction interaction : interactions.findByCustomerIdOrderByOccurredAtAscEventIdAsc(
                customer.customerId())) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("eventId", interaction.eventId());
            row.put("type", interaction.type());
            row.put("occurredAt", interaction.occurredAt());
            row.put("receivedAt", interaction.receivedAt());
            row.put("attributes", interaction.attributes());
            interactionRows.add(row);
        }
        export.put("interactions", interactionRows);
        List<String> ids = allIds(customer.customerId(), absorbed);
        for (String table : OTHER_TABLES) {
            export.put(table, rowsOf(table, ids));
        }
        log.info("Data of customer {} exported", customer.customerId());
        return export;
    }

    /**
     * Erases the person's personal data: identities, consents, name, preferences, the free text and other
     * attributes of their interactions, their location fixes and the positions in their decision requests. It also
     * erases the directions links that start from them, in deliveries, decisions and dead letters, the text and link
     * of their reviews, and the identity stored with each customer import row that led to them. The profile row, the
     * interactions' types, times, stores and amounts, and the derived attributes stay, under the pseudonymous
     * customer id, as anonymous aggregates.
     */
    @Transactional
    Erasure erase(String customerId) {
        Customer customer = find(customerId);
        String id = customer.customerId();
        List<String> ids = allIds(id, merges.findBySurvivorIdOrderByMergedAtAscIdAsc(id));
        Instant now = clock.instant();
        entityManager.flush();

        int identities = jdbc.update("delete from customer_identity where customer_id = ?", id);
        int consents = jdbc.update("delete from consent where customer_id = ?", id);
        int kept = 0;
        for (Interaction interaction : interactions.findByCustomerIdOrderByOccurredAtAscEventIdAsc(id)) {
            jdbc.update("update interaction set attributes_json = ? where event_id = ?",
                    aggregatesOnly(interaction.attributes()), interaction.eventId());
            kept++;
        }
        int fixes = 0;
        for (String formerId : ids) {
            fixes += jdbc.update("delete from location_event where customer_id = ?", formerId);
            jdbc.update("update decision_record set request_json = '{}' where customer_id = ?", formerId);
            // A directions link starts at the position the person reported, so it goes with their location fixes.
            jdbc.update("update delivery set route_url = null where customer_id = ?", formerId);
            // The message kept with a dead letter contains that link too. A replay sends the delivery row instead.
            jdbc.update("update dead_letter set original_message = '{}' where delivery_id in "
                    + "(select delivery_id from delivery where customer_id = ?)", formerId);
            for (String[] decision : jdbc.query("select decision_id, offers_json from decision_record "
                    + "where customer_id = ?", (row, index) -> new String[] {row.getString(1), row.getString(2)},
                    formerId)) {
                jdbc.update("update decision_record set offers_json = ? where decision_id = ?",
                        withoutRouteLinks(decision[1]), decision[0]);
            }
            // A review's text and link are the person's own words and account. A review still waiting for a verdict
            // is closed as rejected, so that no later approval publishes or rewards it.
            jdbc.update("update review set text = null, url = null where customer_id = ?", formerId);
            // An import row keeps its profile and outcome for the import's reconciliation, but not the identity.
            jdbc.update("update customer_import_row set identity_value = null where customer_id = ?", formerId);
            jdbc.update("update review set status = 'REJECTED', moderated_at = ? where customer_id = ? "
                    + "and status = 'PENDING'", now.atOffset(ZoneOffset.UTC), formerId);
        }
        entityManager.clear();
        Customer erased = entityManager.find(Customer.class, id);
        erased.erasePersonalData(now);
        log.info("Personal data of customer {} erased: {} identities, {} consents, {} location fixes removed",
                id, identities, consents, fixes);
        return new Erasure(id, now, identities, consents, fixes, kept);
    }

    /** Returns the offers of a stored decision with their directions links removed. */
    private static String withoutRouteLinks(String offersJson) {
        JsonNode offers = JSON.readTree(offersJson);
        for (JsonNode offer : offers) {
            if (offer instanceof ObjectNode object && object.has("routeUrl")) {
                object.putNull("routeUrl");
            }
        }
        return offers.toString();
    }

    private static String aggregatesOnly(JsonNode attributes) {
        if (!(attributes instanceof ObjectNode object)) {
            return "{}";
        }
        ObjectNode kept = object.deepCopy();
        kept.retain(AGGREGATE_ATTRIBUTES);
        JsonNode lines = kept.get("lines");
        if (lines != null && lines.isArray()) {
            for (JsonNode line : lines) {
                if (line instanceof ObjectNode lineObject) {
                    lineObject.retain("product", "category", "quantity", "amount");
                }
            }
        }
        return kept.toString();
    }

    private List<Map<String, Object>> rowsOf(String table, List<String> ids) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String id : ids) {
            for (Map<String, Object> row : jdbc.queryForList("select * from " + table + " where customer_id = ?", id)) {
                // H2 names the columns in capitals and PostgreSQL in lower case; the export is the same on both.
                Map<String, Object> named = new LinkedHashMap<>();
                row.forEach((column, value) -> named.put(column.toLowerCase(Locale.ROOT), value));
                rows.add(named);
            }
        }
        return rows;
    }

    private static List<String> allIds(String customerId, List<CustomerMerge> absorbed) {
        List<String> ids = new ArrayList<>();
        ids.add(customerId);
        absorbed.forEach(merge -> ids.add(merge.absorbedId()));
        return ids;
    }

    private Customer find(String customerId) {
        return directory.find(customerId)
                .orElseThrow(() -> new NotFoundException("customer", "customerId", customerId));
    }

    /** Counts of the rows an erasure removed and kept. */
    record Erasure(String customerId, Instant erasedAt, int identitiesRemoved, int consentsRemoved,
                   int locationFixesRemoved, int interactionsKeptAnonymous) {
    }
}
