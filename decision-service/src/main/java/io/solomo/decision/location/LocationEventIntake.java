package io.solomo.decision.location;

import io.solomo.model.location.LocationFix;
import io.solomo.decision.web.NotStoredException;
import io.solomo.routes.Endpoints;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Accepts location fixes: leaves out those whose event id is already stored, as replays, then hands the batch to the
 * Camel route and waits until the route has applied and stored every fix. Each fix is written once, with its
 * outcome, before the sender hears that it was accepted.
 *
 * <p>Fixes left {@code RECEIVED} by earlier versions, which stored each fix before handling it, are handled at the
 * next start.
 */
@Service
class LocationEventIntake {

    private static final Logger log = LoggerFactory.getLogger(LocationEventIntake.class);
    /** Fixes handed to the route at once when resuming after a restart, as the largest batch the API accepts. */
    private static final int RESUME_BATCH = 1_000;

    private final LocationEventRepository events;
    private final NamedParameterJdbcTemplate namedJdbc;
    private final ProducerTemplate producer;

    LocationEventIntake(LocationEventRepository events, JdbcTemplate jdbc, ProducerTemplate producer) {
        this.events = events;
        this.namedJdbc = new NamedParameterJdbcTemplate(jdbc);
        this.producer = producer;
    }

    /** Handles and stores the fix; returns false when its event id was already accepted. */
    boolean accept(LocationFix fix) {
        return acceptAll(List.of(fix)).get(0);
    }

    /**
     * Handles and stores the fixes of a batch. Returns, per fix, false when its event id was already accepted before,
     * earlier in the batch or by a concurrent request. Every fix is in the database when this method returns.
     *
     * @throws NotStoredException when the route failed or timed out before it stored every fix
     */
    List<Boolean> acceptAll(List<LocationFix> fixes) {
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

        Set<?> storedMeanwhile;
        try {
            storedMeanwhile = producer.requestBody(Endpoints.LOCATION_EVENTS, rows, Set.class);
        } catch (CamelExecutionException failure) {
            throw notStored(rows, failure.getCause() == null ? failure : failure.getCause());
        }
        if (!storedMeanwhile.isEmpty()) {
            // A concurrent request carried the same event ids and was stored first: these are its replays.
            for (int i = 0; i < fixes.size(); i++) {
                if (fresh.get(i) && storedMeanwhile.contains(fixes.get(i).eventId())) {
                    fresh.set(i, false);
                }
            }
        }
        return fresh;
    }

    /** Builds the exception for fixes that the route did not store, naming the first one and the reason. */
    private static NotStoredException notStored(List<LocationFix> fixes, Throwable cause) {
        String reason;
        if (cause instanceof TimeoutException) {
            reason = "storing timed out";
        } else if (cause instanceof DataAccessException) {
            reason = "the database failed";
        } else {
            reason = "handling failed (" + cause.getClass().getSimpleName() + ")";
        }
        String message = fixes.size() == 1
                ? "location event " + fixes.get(0).eventId() + " was not stored because " + reason
                        + "; sending it again is safe"
                : "the " + fixes.size() + " location events starting with " + fixes.get(0).eventId()
                        + " were not stored because " + reason + "; sending them again is safe";
        return new NotStoredException(message, cause);
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
        log.info("Handling {} location events that an earlier version stored before handling them", pending.size());
        for (int start = 0; start < pending.size(); start += RESUME_BATCH) {
            List<LocationFix> batch = pending.subList(start, Math.min(pending.size(), start + RESUME_BATCH)).stream()
                    .map(LocationEvent::toFix)
                    .toList();
            try {
                producer.requestBody(Endpoints.LOCATION_EVENTS, batch);
            } catch (CamelExecutionException failure) {
                // A failure here would stop the server at every start, so the rows stay RECEIVED for the next one.
                // NOTE: a row that can never be stored is handled again at every start and may request a decision
                // each time. One example is a device id longer than the 100 characters of
                // geofence_transition.device_id. Mark such rows FAILED by hand.
                log.error("Handling the {} location events from {} to {} failed; they stay RECEIVED until the next "
                        + "start", batch.size(), batch.get(0).eventId(), batch.get(batch.size() - 1).eventId(),
                        failure.getCause() == null ? failure : failure.getCause());
            }
        }
    }
}
