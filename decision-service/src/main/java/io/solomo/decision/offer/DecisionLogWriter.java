package io.solomo.decision.offer;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Writes a decision's contacts and its log entry with plain JDBC in the decision's transaction: one batch for the
 * contacts and one insert for the entry, without loading either into the persistence context. Then publishes
 * {@link DecisionStored} in the same transaction.
 */
@Component
class DecisionLogWriter {

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;

    DecisionLogWriter(JdbcTemplate jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void write(DecisionRecord decision, List<Contact> contacts) {
        if (!contacts.isEmpty()) {
            jdbc.batchUpdate("""
                    insert into contact (decision_id, customer_id, offer_id, channel, pushed, contacted_at)
                    values (?, ?, ?, ?, ?, ?)""", contacts, contacts.size(), (statement, contact) -> {
                statement.setString(1, contact.decisionId());
                statement.setString(2, contact.customerId());
                statement.setString(3, contact.offerId());
                statement.setString(4, contact.channel().name());
                statement.setBoolean(5, contact.pushed());
                statement.setObject(6, utc(contact.contactedAt()));
            });
        }
        jdbc.update("""
                insert into decision_record (decision_id, customer_id, channel, store_id, trigger_type, event_id,
                    rules_version, contact_at, decided_at, request_json, fired_rules, offers_json, rejections_json,
                    holdout, candidates_json, facts_json)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                decision.decisionId(), decision.customerId(), decision.channel(), decision.storeId(),
                decision.triggerType(), decision.eventId(), decision.rulesVersion(), utc(decision.contactAt()),
                utc(decision.decidedAt()), decision.requestJson(), decision.firedRules(), decision.offersJson(),
                decision.rejectionsJson(), decision.holdout(), decision.candidatesJson(),
                decision.factsJson());
        // The contacts are the chosen offers, one each, in the order of the decision.
        events.publishEvent(new DecisionStored(decision.decisionId(), decision.customerId(), decision.channel(),
                decision.storeId(), contacts.stream().map(Contact::offerId).toList(), decision.holdout(),
                decision.decidedAt()));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
