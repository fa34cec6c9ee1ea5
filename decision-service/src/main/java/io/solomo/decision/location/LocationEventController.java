package io.solomo.decision.location;

import io.solomo.decision.location.LocationEventReceiver.Accepted;
import io.solomo.decision.location.LocationEventReceiver.LocationEventBody;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Location fixes posted by mobile apps. The response is sent once the Camel routes have applied the request's fixes
 * and stored them with their outcomes.
 */
@RestController
class LocationEventController {

    private final LocationEventReceiver receiver;

    LocationEventController(LocationEventReceiver receiver) {
        this.receiver = receiver;
    }

    @PostMapping("/api/v1/location-events")
    ResponseEntity<Accepted> post(@RequestBody LocationEventBody body) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(receiver.receive(body));
    }

    /**
     * Accepts up to {@value LocationEventReceiver#MAX_BATCH} fixes at once, for apps that buffer fixes offline and for
     * high volumes. Every fix is checked first: one invalid fix rejects the whole batch and stores nothing.
     */
    @PostMapping("/api/v1/location-events/batch")
    ResponseEntity<List<Accepted>> postBatch(@RequestBody List<LocationEventBody> bodies) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(receiver.receiveAll(bodies));
    }
}
