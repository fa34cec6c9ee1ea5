package io.solomo.decision.profile;

import io.solomo.decision.store.StoreCatalog;
import io.solomo.decision.web.EchoedValues;
import io.solomo.decision.web.InvalidFieldException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Interactions from every channel, one JSON object or an array of them. A single invalid object is answered with
 * a 400 problem, one naming an unknown customer with 404, and one that kept losing races with concurrent writers
 * with 409 and status {@code REJECTED}; in an array, invalid rows are reported as {@code REJECTED} with their index and reason, and the
 * valid rows are stored. An {@code attributes.storeId} that names no store is invalid, and so is a type that the
 * server records itself ({@link InteractionRequests#readReported}).
 */
@RestController
class InteractionController {

    static final int MAX_BATCH_SIZE = 10_000;

    private static final Logger log = LoggerFactory.getLogger(InteractionController.class);

    private final InteractionIntake intake;
    private final InteractionRecorder recorder;
    private final StoreCatalog stores;
    private final Clock clock;

    InteractionController(InteractionIntake intake, InteractionRecorder recorder, StoreCatalog stores, Clock clock) {
        this.intake = intake;
        this.recorder = recorder;
        this.stores = stores;
        this.clock = clock;
    }

    @PostMapping("/api/v1/interactions")
    Object post(@RequestBody JsonNode body, Principal caller) {
        if (!body.isArray()) {
            InteractionResult result = intake.accept(body, caller.getName());
            HttpStatus status = result.status() == InteractionResult.Status.REJECTED ? HttpStatus.CONFLICT
                    : HttpStatus.OK;
            return ResponseEntity.status(status).body(result);
        }
        if (body.size() > MAX_BATCH_SIZE) {
            throw new InvalidFieldException("interactions", body.size(),
                    "a batch may hold at most " + MAX_BATCH_SIZE + " interactions; split it");
        }
        return recordBatch(body, clock.instant(), caller.getName());
    }

    private List<BatchRow> recordBatch(JsonNode body, Instant now, String actor) {
        List<InteractionCommand> read = new ArrayList<>();
        List<Integer> readIndexes = new ArrayList<>();
        BatchRow[] rows = new BatchRow[body.size()];
        for (int index = 0; index < body.size(); index++) {
            JsonNode node = body.get(index);
            try {
                read.add(InteractionRequests.readReported(node, now));
                readIndexes.add(index);
            } catch (InvalidFieldException invalid) {
                rows[index] = rejectedRow(index, InteractionRequests.eventIdOf(node), invalid);
            }
        }

        // One lookup for the whole batch, so the database is queried at most once for stores missing from memory.
        Set<String> unknownStores = stores.unknownIds(read.stream().map(command -> command.facts().storeId())
                .filter(Objects::nonNull).collect(Collectors.toSet()));
        List<InteractionCommand> commands = new ArrayList<>();
        List<Integer> commandIndexes = new ArrayList<>();
        for (int position = 0; position < read.size(); position++) {
            InteractionCommand command = read.get(position);
            int index = readIndexes.get(position);
            if (unknownStores.contains(command.facts().storeId())) {
                rows[index] = rejectedRow(index, command.eventId(),
                        InteractionIntake.unknownStore(command.facts().storeId()));
            } else {
                commands.add(command);
                commandIndexes.add(index);
            }
        }

        List<InteractionResult> results = recorder.record(commands, actor);
        int rejected = 0;
        for (int position = 0; position < results.size(); position++) {
            InteractionResult result = results.get(position);
            int index = commandIndexes.get(position);
            rows[index] = new BatchRow(index, result.eventId(), result.customerId(), result.status(),
                    result.reason(), result.field(), result.value());
        }
        for (BatchRow row : rows) {
            if (row.status() == InteractionResult.Status.REJECTED) {
                rejected++;
            }
        }
        log.info("Interaction batch of {} from {}: {} rejected", rows.length, actor, rejected);
        return List.of(rows);
    }

    private static BatchRow rejectedRow(int index, String eventId, InvalidFieldException invalid) {
        return new BatchRow(index, eventId, null, InteractionResult.Status.REJECTED,
                EchoedValues.shortenDetail(invalid.getMessage(), invalid.value()), invalid.field(),
                EchoedValues.shorten(invalid.value()));
    }

    /**
     * The outcome of one row of a batch, with its index in the posted array. A rejected row names the rejected
     * {@code field} and its {@code value} as sent, as a 400 problem does.
     */
    record BatchRow(int index, String eventId, String customerId, InteractionResult.Status status, String reason,
                    String field, Object value) {
    }
}
