package io.solomo.decision.location;

import io.solomo.model.location.LocationFix;
import io.solomo.routes.Endpoints;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accepts location fixes: stores each batch first, in one transaction of JDBC batch inserts, then hands it to the
 * Camel route. A fix whose event id is already stored is a replay and is not handed on again. Fixes stored but never
 * handled, because the server stopped in between, are handed on again at the next start.
 */
@Service
class LocationEventIntake {

    private static final Logger log = LoggerFactory.getLogger(LocationEventIntake.class);
    /** Fixes handed to the route at once when resuming after a restart, as the largest batch the API accepts. */
    private static final int RESUME_BATCH = 1_000;
    /** Attempts to store a batch while concurrent requests keep inserting some of its event ids. */
    private static final int MAX_ATTEMPTS = 3;

    private static final String INSERT = "insert into location_event (event_id, customer_id, device_id, latitude, "
            + "longitude, accuracy_meters, recorded_at, received_at, status) values (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final LocationEventRepository events;
    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate namedJdbc;
    private final ProducerTemplate producer;
    private final TransactionTemplate transaction;
    private final Clock clock;

    LocationEventIntake(LocationEventRepository events, JdbcTemplate jdbc, ProducerTemplate producer,
                        TransactionTemplate transaction, Clock clock) {
        this.events = events;
        this.jdbc = jdbc;
        this.namedJdbc = new NamedParameterJdbcTemplate(jdbc);
        this.producer = producer;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Stores and queues the fix; returns false when its event id was already accepted. */
    boolean accept(LocationFix fix) {
        return acceptAll(List.of(fix)).get(0);
    }

    /**
     * Stores the fixes of a batch in one transaction, then queues them in order; returns, per fix, false when its
     * event id was already accepted (before or earlier in the batch). Every fix reported new is in the database
     * when this method returns.
     */
    List<Boolean> acceptAll(List<LocationFix> fixes) {
        for (int attempt = 1; ; attempt++) {
            try {
                return store(fixes);
            } catch (DuplicateKeyException concurrentReplay) {
                if (attempt == MAX_ATTEMPTS) {
                    throw concurrentReplay;
                }
                log.debug("A concurrent request stored some of the {} event ids first; storing again", fixes.size());
            }
        }
    }

    private List<Boolean> store(List<LocationFix> fixes) {
        Set<String> known = storedIds(fixes);
        List<Boolean> fresh = new ArrayList<>(fixes.size());
        List<LocationFix> rows = new ArrayList<>();
        for (LocationFix fix : fixes) {
            boolean isNew = known.add(fix.eventId());
            fresh.add(isNew);
            if (isNew) {
                rows.add(fix);
            }
        }
        if (rows.isEmpty()) {
            return fresh;
        }

        OffsetDateTime receivedAt = clock.instant().atOffset(ZoneOffset.UTC);
        transaction.executeWithoutResult(status -> jdbc.batchUpdate(INSERT, rows, rows.size(), (statement, fix) -> {
            statement.setString(1, fix.eventId());
            statement.setString(2, fix.customerId());
            statement.setString(3, fix.deviceId());
            statement.setDouble(4, fix.latitude());
            statement.setDouble(5, fix.longitude());
            if (fix.accuracyMeters() == null) {
                statement.setNull(6, Types.DOUBLE);
            } else {
                statement.setDouble(6, fix.accuracyMeters());
            }
            statement.setObject(7, fix.recordedAt().atOffset(ZoneOffset.UTC));
            statement.setObject(8, receivedAt);
            statement.setString(9, LocationEvent.RECEIVED);
        }));
        producer.sendBody(Endpoints.LOCATION_EVENTS, rows);
        return fresh;
    }

    private Set<String> storedIds(List<LocationFix> fixes) {
        List<String> ids = fixes.stream().map(LocationFix::eventId).distinct().toList();
        return new HashSet<>(namedJdbc.queryForList("select event_id from location_event where event_id in (:ids)",
                Map.of("ids", ids), String.class));
    }

    @EventListener(ApplicationReadyEvent.class)
    void resumeUnhandledEvents() {
        List<LocationEvent> pending = events.findByStatusOrderByReceivedAt(LocationEvent.RECEIVED);
        if (pending.isEmpty()) {
            return;
        }
        log.info("Resuming {} location events accepted before the last stop", pending.size());
        for (int start = 0; start < pending.size(); start += RESUME_BATCH) {
            List<LocationFix> batch = pending.subList(start, Math.min(pending.size(), start + RESUME_BATCH)).stream()
                    .map(LocationEvent::toFix)
                    .toList();
            producer.sendBody(Endpoints.LOCATION_EVENTS, batch);
        }
    }
}
