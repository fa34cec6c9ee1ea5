package io.solomo.decision.location;

import io.solomo.model.location.LocationFix;
import io.solomo.routes.Endpoints;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Accepts location fixes: stores each one first, then hands it to the Camel route. A fix whose event id is already
 * stored is a replay and is not handed on again. Fixes stored but never handled, because the server stopped in
 * between, are handed on again at the next start.
 */
@Service
class LocationEventIntake {

    private static final Logger log = LoggerFactory.getLogger(LocationEventIntake.class);
    /** The route's queue; a full queue (1,000 fixes by default) makes the request wait instead of failing. */
    private static final String QUEUE = Endpoints.LOCATION_EVENTS + "?blockWhenFull=true";

    private final LocationEventRepository events;
    private final ProducerTemplate producer;
    private final TransactionTemplate transaction;
    private final Clock clock;

    LocationEventIntake(LocationEventRepository events, ProducerTemplate producer, TransactionTemplate transaction,
                        Clock clock) {
        this.events = events;
        this.producer = producer;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Stores and queues the fix; returns false when its event id was already accepted. */
    boolean accept(LocationFix fix) {
        if (events.existsById(fix.eventId())) {
            return false;
        }
        try {
            transaction.executeWithoutResult(status -> events.save(new LocationEvent(fix, clock.instant())));
        } catch (DataIntegrityViolationException concurrentReplay) {
            return false;
        }
        producer.sendBody(QUEUE, fix);
        return true;
    }

    /**
     * Stores the fixes of a batch in one transaction, then queues them in order; returns, per fix, false when its
     * event id was already accepted (before or earlier in the batch).
     */
    List<Boolean> acceptAll(List<LocationFix> fixes) {
        Set<String> known = new HashSet<>();
        for (LocationEvent event : events.findAllById(fixes.stream().map(LocationFix::eventId).toList())) {
            known.add(event.eventId());
        }
        List<Boolean> fresh = new ArrayList<>(fixes.size());
        List<LocationEvent> rows = new ArrayList<>();
        Instant now = clock.instant();
        for (LocationFix fix : fixes) {
            boolean isNew = known.add(fix.eventId());
            fresh.add(isNew);
            if (isNew) {
                rows.add(new LocationEvent(fix, now));
            }
        }
        transaction.executeWithoutResult(status -> events.saveAll(rows));
        for (int i = 0; i < fixes.size(); i++) {
            if (fresh.get(i)) {
                producer.sendBody(QUEUE, fixes.get(i));
            }
        }
        return fresh;
    }

    @EventListener(ApplicationReadyEvent.class)
    void resumeUnhandledEvents() {
        List<LocationEvent> pending = events.findByStatusOrderByReceivedAt(LocationEvent.RECEIVED);
        if (pending.isEmpty()) {
            return;
        }
        log.info("Resuming {} location events accepted before the last stop", pending.size());
        for (LocationEvent event : pending) {
            producer.sendBody(QUEUE, event.toFix());
        }
    }
}
