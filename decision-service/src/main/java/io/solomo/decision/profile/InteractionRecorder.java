package io.solomo.decision.profile;

import io.solomo.decision.web.NotFoundException;
import jakarta.persistence.EntityManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Stores interactions: resolves each to its profile, skips replayed event ids and updates the derived attributes
 * in the same transaction.
 *
 * <p>A batch is written in chunks of {@value #CHUNK_SIZE}, one transaction each. When a chunk fails, because a
 * row names an unknown customer or a concurrent writer changed one of its profiles, the chunk is rolled back and
 * its rows are written one transaction each, retried on conflicts, so one row's failure never loses the others.
 *
 * <p>A chunk is written with plain JDBC batches by {@link InteractionChunkWriter}, unless one of its rows merges
 * profiles or the caller's transaction is already open (its persistence context may hold the profiles); those
 * chunks go through the {@link Customer} entities and {@link ProfileResolution}.
 */
@Service
class InteractionRecorder {

    static final int CHUNK_SIZE = 200;
    static final int CHUNK_ATTEMPTS = 3;

    private static final Logger log = LoggerFactory.getLogger(InteractionRecorder.class);

    private final EntityManager entityManager;
    private final InteractionChunkWriter chunkWriter;
    private final ProfileResolution resolution;
    private final InteractionRepository interactions;
    private final CustomerIdentityRepository identities;
    private final CustomerRepository customers;
    private final CustomerDirectory directory;
    private final TransactionTemplate transaction;
    private final SpendTiers spendTiers;
    private final Clock clock;

    InteractionRecorder(EntityManager entityManager, InteractionChunkWriter chunkWriter, ProfileResolution resolution,
                        InteractionRepository interactions,
                        CustomerIdentityRepository identities, CustomerRepository customers,
                        CustomerDirectory directory,
                        TransactionTemplate transaction, SpendTiers spendTiers, Clock clock) {
        this.entityManager = entityManager;
        this.spendTiers = spendTiers;
        this.chunkWriter = chunkWriter;
        this.resolution = resolution;
        this.interactions = interactions;
        this.identities = identities;
        this.customers = customers;
        this.directory = directory;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * Stores checked interactions and returns one result per command, in order. A repeated event id within the
     * commands is a duplicate of its first occurrence.
     */
    List<InteractionResult> record(List<InteractionCommand> commands, String actor) {
        boolean withEntities = TransactionSynchronizationManager.isActualTransactionActive();
        InteractionResult[] results = new InteractionResult[commands.size()];
        Map<String, Integer> firstIndexByEventId = new HashMap<>();
        List<Integer> unique = new ArrayList<>();
        for (int index = 0; index < commands.size(); index++) {
            if (firstIndexByEventId.putIfAbsent(commands.get(index).eventId(), index) == null) {
                unique.add(index);
            }
        }

        for (int start = 0; start < unique.size(); start += CHUNK_SIZE) {
            List<Integer> chunk = unique.subList(start, Math.min(unique.size(), start + CHUNK_SIZE));
            writeChunk(commands, chunk, actor, withEntities, results);
        }

        for (int index = 0; index < commands.size(); index++) {
            if (results[index] == null) {
                InteractionResult first = results[firstIndexByEventId.get(commands.get(index).eventId())];
                results[index] = first.status() == InteractionResult.Status.REJECTED
                        ? first : InteractionResult.duplicate(first.eventId(), first.customerId());
            }
        }
        return List.of(results);
    }

    private void writeChunk(List<InteractionCommand> commands, List<Integer> chunk, String actor,
                            boolean withEntities, InteractionResult[] results) {
        List<InteractionCommand> rows = chunk.stream().map(commands::get).toList();
        try {
            // A chunk that lost a race with a concurrent writer is written again whole before falling back to
            // one transaction per row, which costs far more.
            List<InteractionResult> written = withEntities
                    ? transaction.execute(status -> writeInOneTransaction(rows, actor, true))
                    : ConflictRetry.inTransaction(transaction, "chunk of " + rows.size() + " interactions",
                    CHUNK_ATTEMPTS, () -> writeInOneTransaction(rows, actor, false));
            for (int position = 0; position < chunk.size(); position++) {
                results[chunk.get(position)] = written.get(position);
            }
        } catch (RuntimeException chunkFailed) {
            log.debug("Chunk of {} interactions rolled back, writing them one by one: {}", chunk.size(),
                    chunkFailed.toString());
            for (int index : chunk) {
                results[index] = writeAlone(commands.get(index), actor, withEntities);
            }
        }
    }

    private InteractionResult writeAlone(InteractionCommand command, String actor, boolean withEntities) {
        try {
            return ConflictRetry.inTransaction(transaction, "interaction " + command.eventId(),
                    () -> writeInOneTransaction(List.of(command), actor, withEntities).get(0));
        } catch (NotFoundException unknown) {
            return InteractionResult.rejected(command.eventId(), unknown.field() + ": " + unknown.getMessage(),
                    unknown.field(), unknown.value());
        } catch (ConflictRetry.ConflictException conflict) {
            return InteractionResult.rejected(command.eventId(), conflict.getMessage());
        }
    }

    private List<InteractionResult> writeInOneTransaction(List<InteractionCommand> rows, String actor,
                                                          boolean withEntities) {
        if (!withEntities) {
            Optional<List<InteractionResult>> written = chunkWriter.write(rows);
            if (written.isPresent()) {
                return written.get();
            }
        }
        return writeWithEntities(rows, actor);
    }

    private List<InteractionResult> writeWithEntities(List<InteractionCommand> rows, String actor) {
        Map<String, String> stored = new HashMap<>();
        for (Object[] row : interactions.findStored(rows.stream().map(InteractionCommand::eventId).toList())) {
            stored.put((String) row[0], (String) row[1]);
        }

        IdentityOwners owners = IdentityOwners.load(identities,
                rows.stream().flatMap(row -> row.identities().stream()).collect(Collectors.toSet()));
        // One query loads every known profile of the chunk, so resolving each row finds its profile in memory.
        customers.findAllById(owners.customerIds());
        Instant now = clock.instant();
        List<InteractionResult> results = new ArrayList<>(rows.size());
        for (InteractionCommand command : rows) {
            String storedFor = stored.get(command.eventId());
            if (storedFor != null) {
                results.add(InteractionResult.duplicate(command.eventId(), directory.currentId(storedFor)));
                continue;
            }
            Customer customer = resolution.resolve(command.customerId(), command.identities(), actor,
                    command.eventId(), owners);
            entityManager.persist(new Interaction(command.eventId(), customer.customerId(), command.facts(),
                    command.attributesJson(), now));
            customer.apply(command.facts(), now, spendTiers);
            results.add(InteractionResult.stored(command.eventId(), customer.customerId()));
        }
        entityManager.flush();
        for (InteractionResult result : results) {
            if (result.status() == InteractionResult.Status.STORED) {
                log.debug("Interaction {} stored for customer {}", result.eventId(), result.customerId());
            }
        }
        return results;
    }
}
