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
import java.util.List;

/**
 * Accepts location fixes: stores each one first, then hands it to the Camel route. A fix whose event id is already
 * stored is a replay and is not handed on again. Fixes stored but never handled, because the server stopped in
 * between, are handed on again at the next start.
 */
@Service
class LocationEventIntake {

    private static final Logger log = LoggerFactory.getLogger(LocationEventIntake.class);

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
        producer.sendBody(Endpoints.LOCATION_EVENTS, fix);
        return true;
    }

    @EventListener(ApplicationReadyEvent.class)
    void resumeUnhandledEvents() {
        List<LocationEvent> pending = events.findByStatusOrderByReceivedAt(LocationEvent.RECEIVED);
        if (pending.isEmpty()) {
            return;
        }
        log.info("Resuming {} location events accepted before the last stop", pending.size());
        for (LocationEvent event : pending) {
            producer.sendBody(Endpoints.LOCATION_EVENTS, event.toFix());
        }
    }
}
