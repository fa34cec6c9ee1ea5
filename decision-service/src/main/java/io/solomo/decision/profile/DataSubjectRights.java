package io.solomo.decision.profile;

import io.solomo.decision.loyalty.LoyaltyProgramme;
import io.solomo.decision.web.NotFoundException;
import jakarta.persistence.EntityManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
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
 * <p>Other features keep rows by customer id in the tables of {@link #EXPORTED_TABLES}. A merge moves them to the
 * survivor ({@link MergedProfileRows}), and they are still also looked up under each absorbed id, for a share claim
 * that a merge leaves there and for rows that a database older than migration V13_1 may hold there.
 */
@Service
class DataSubjectRights {

    /** Attributes of an interaction that carry no personal data and feed the anonymous aggregates. */
    private static final Set<String> AGGREGATE_ATTRIBUTES = Set.of("storeId", "amount", "lines");
    /**
     * Tables of other features holding rows about the person, exported as they are, each with the column that
     * contains the customer id. Every table with a customer column must be listed here, in
     * {@link #EXPORTED_BY_PROFILE} or in {@link #NOT_PERSONAL_TABLES}, and a test compares these lists with the
     * schema.
     */
    static final List<PersonalTable> EXPORTED_TABLES = List.of(
            new PersonalTable("delivery", "customer_id"),
            new PersonalTable("coupon", "customer_id"),
            new PersonalTable("decision_record", "customer_id"),
            new PersonalTable("contact", "customer_id"),
            new PersonalTable("location_event", "customer_id"),
            new PersonalTable("geofence_transition", "customer_id"),
            new PersonalTable("device_presence", "customer_id"),
            new PersonalTable("store_visit", "customer_id"),
            new PersonalTable("store_regular", "customer_id"),
            new PersonalTable("device_token", "customer_id"),
            new PersonalTable("purchase", "customer_id"),
            new PersonalTable("purchase_follow_up", "customer_id"),
            new PersonalTable("loyalty_account", "customer_id"),
            new PersonalTable("loyalty_entry", "customer_id"),
            new PersonalTable("review", "customer_id"),
            new PersonalTable("share_link", "sharer_id"),
            new PersonalTable("share_claim", "friend_id"),
            new PersonalTable("customer_import_row", "customer_id"));
    /** Tables that the export shows through the profile view, the consent history and the interactions. */
    static final List<String> EXPORTED_BY_PROFILE = List.of("customer", "customer_identity", "consent",
            "interaction", "channel_preference", "customer_merge");
    /**
     * Tables with a customer column that contain nothing about the person, each with the reason. The list is empty,
     * because every such table records something the person did, received or was counted in.
     */
    static final Map<String, String> NOT_PERSONAL_TABLES = Map.of();

    private static final Logger log = LoggerFactory.getLogger(DataSubjectRights.class);

    private final CustomerDirectory directory;
    private final CustomerMergeRepository merges;
    private final InteractionRepository interactions;
    private final EntityManager entityManager;
    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final CustomerFactsAssembler facts;

    DataSubjectRights(CustomerDirectory directory, CustomerMergeRepository merges, InteractionRepository interactions,
                      EntityManager entityManager, JdbcTemplate jdbc, ApplicationEventPublisher events, Clock clock,
                      CustomerFactsAssembler facts) {
        this.directory = directory;
        this.merges = merges;
        this.interactions = interactions;
        this.entityManager = entityManager;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
        this.facts = facts;
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
        export.put("profile", ProfileView.of(customer, absorbed, now, facts.segmentsOf(customer)));
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
        for (PersonalTable table : EXPORTED_TABLES) {
            export.put(table.name(), rowsOf("select * from " + table.name() + " where " + table.customerColumn()
                    + " = ?", ids));
        }
        // Dead letters and decision outcomes have no customer column, but they belong to the person's deliveries and
        // decisions.
        export.put("dead_letter", rowsOf("select * from dead_letter where delivery_id in "
                + "(select delivery_id from delivery where customer_id = ?) order by failed_at, dead_letter_id", ids));
        export.put("decision_outcome", rowsOf("select * from decision_outcome where decision_id in "
                + "(select decision_id from decision_record where customer_id = ?) order by recorded_at, id", ids));
        log.info("Data of customer {} exported", customer.customerId());
        return export;
    }

    /**
     * Erases the person's personal data: identities, consents, name, preferences, the free text and other
     * attributes of their interactions, their location fixes, the positions in their decision requests and the facts
     * the rules saw for their decisions. It also erases the directions links that start from them, in deliveries, decisions and dead letters, the text and link
     * of their reviews, and the identity stored with each customer import row that led to them. It deletes their
     * push device tokens, device presence, geofence transitions, store visits and store regular titles, removes
     * their id from the shares they made and the share claims they made, and replaces the reasons of their points
     * spendings. The profile row, the interactions' types, times, stores and amounts, the derived attributes,
     * coupons, contacts, purchases and the loyalty account and ledger stay, under the pseudonymous customer id, as
     * anonymous aggregates.
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
        int devices = 0;
        int transitions = 0;
        int visits = 0;
        for (String formerId : ids) {
            fixes += jdbc.update("delete from location_event where customer_id = ?", formerId);
            devices += eraseDevices(formerId);
            transitions += jdbc.update("delete from geofence_transition where customer_id = ?", formerId);
            visits += eraseStoreVisits(formerId);
            eraseShares(formerId);
            // The points stay, so the balance still adds up to the ledger, but a spending's reason is free text from
            // the app and may name the person or what they bought. It becomes the reason of a spending sent
            // without one.
            jdbc.update("update loyalty_entry set reason = ? where customer_id = ? and kind = 'SPENT'",
                    LoyaltyProgramme.DEFAULT_SPEND_REASON, formerId);
            // The facts the rules saw contain the person's consents, channels, language and scores.
            jdbc.update("update decision_record set request_json = '{}', facts_json = case when facts_json is null "
                    + "then null else '{}' end where customer_id = ?", formerId);
            // A directions link starts at the position the person reported, so it goes with their location fixes.
            jdbc.update("update delivery set route_url = null where customer_id = ?", formerId);
            // The message kept with a dead letter contains that link too. A replay sends the delivery row instead.
            jdbc.update("update dead_letter set original_message = '{}' where delivery_id in "
                    + "(select delivery_id from delivery where customer_id = ?)", formerId);
            for (String[] decision : jdbc.query("select decision_id, offers_json from decision_record "
                    + "where customer_id = ?", (row, index) -> new String[] {row.getString(1), row.getString(2)},
                    formerId)) {
                jdbc.update("update decision_record set offers_json = ? where decision_id = ?",
                        RouteLinks.removedFrom(decision[1]), decision[0]);
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
        events.publishEvent(new CustomerErased(ids));
        log.info("Personal data of customer {} erased: {} identities, {} consents, {} location fixes, {} devices, "
                + "{} geofence transitions and {} store visits removed", id, identities, consents, fixes, devices,
                transitions, visits);
        return new Erasure(id, now, identities, consents, fixes, devices, transitions, visits, kept);
    }

    /**
     * Deletes the push tokens of the customer's devices, which address their phone, and the presence of those
     * devices, which contains their last position. Returns how many push tokens were deleted. The app registers its
     * token again if the person keeps using it, and the presence tracker drops the devices it keeps in memory on
     * {@link CustomerErased}.
     */
    private int eraseDevices(String customerId) {
        jdbc.update("delete from device_presence where customer_id = ?", customerId);
        return jdbc.update("delete from device_token where customer_id = ?", customerId);
    }

    /**
     * Deletes the customer's store visits and the stores whose regular they are, and returns how many visits were
     * deleted. Each visit is a place and day where the person was, and the profile's visit counts per store already
     * keep the aggregate. Without its regular, a store gets a new one at the next visit of a customer with enough
     * visits.
     */
    private int eraseStoreVisits(String customerId) {
        jdbc.update("delete from store_regular where customer_id = ?", customerId);
        return jdbc.update("delete from store_visit where customer_id = ?", customerId);
    }

    /**
     * Removes the customer's id from the shares they made and the share claims they made. Who shared which offer
     * with whom is personal, but a share's code, link, clicks and claims are not, so friends can still open and
     * claim it and the sharer's claim counts stay. A coupon redeemed later through a share whose sharer was erased
     * credits no referral points.
     */
    private void eraseShares(String customerId) {
        jdbc.update("update share_link set sharer_id = null where sharer_id = ?", customerId);
        jdbc.update("update share_claim set friend_id = null where friend_id = ?", customerId);
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

    /** Runs the query, whose one parameter is a customer id, for each of the ids and returns all the rows. */
    private List<Map<String, Object>> rowsOf(String query, List<String> ids) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String id : ids) {
            for (Map<String, Object> row : jdbc.queryForList(query, id)) {
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

    /** A table of another feature and its column that contains the customer id. */
    record PersonalTable(String name, String customerColumn) {
    }

    /** Counts of the rows an erasure removed and kept. */
    record Erasure(String customerId, Instant erasedAt, int identitiesRemoved, int consentsRemoved,
                   int locationFixesRemoved, int deviceTokensRemoved, int geofenceTransitionsRemoved,
                   int storeVisitsRemoved, int interactionsKeptAnonymous) {
    }
}
