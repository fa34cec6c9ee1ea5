package io.solomo.decision.profile;

import jakarta.persistence.PersistenceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Runs a unit of work in its own transaction and runs it again when it lost a race with a concurrent one: an
 * optimistic lock failure on a profile, a unique identity or event id inserted at the same time, a deadlock.
 * Other exceptions, such as invalid input, an unknown id, an unreachable database or invalid SQL, pass through at
 * once. Every feature that writes a row
 * other writers may touch at the same moment uses it.
 */
public final class ConflictRetry {

    static final int MAX_ATTEMPTS = 30;
    static final long MAX_PAUSE_MILLIS = 200;

    private static final Logger log = LoggerFactory.getLogger(ConflictRetry.class);

    private ConflictRetry() {
    }

    /**
     * Returns the work's result from the first attempt that commits.
     *
     * @throws ConflictException after {@value #MAX_ATTEMPTS} attempts that all lost a race
     */
    public static <T> T inTransaction(TransactionTemplate transaction, String what, Supplier<T> work) {
        return inTransaction(transaction, what, MAX_ATTEMPTS, work);
    }

    /**
     * Returns the work's result from the first of at most {@code maxAttempts} attempts that commits.
     *
     * @throws ConflictException after {@code maxAttempts} attempts that all lost a race
     */
    public static <T> T inTransaction(TransactionTemplate transaction, String what, int maxAttempts,
                                      Supplier<T> work) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                return transaction.execute(status -> work.get());
            } catch (DataAccessException | PersistenceException | TransactionException conflict) {
                if (!isRace(conflict)) {
                    throw conflict;
                }
                // The other persistence failures here are races: the input was checked before the transaction began.
                last = conflict;
                log.debug("Attempt {} of {} for {} lost a race: {}", attempt, maxAttempts, what, conflict.toString());
                pause(attempt);
            }
        }
        log.warn("Gave up on {} after {} attempts: {}", what, maxAttempts, last.toString());
        throw new ConflictException(what, last);
    }

    /**
     * Tells whether a failure may come from a concurrent transaction. A database that cannot be reached, or SQL it
     * rejects, fails the same way at every attempt.
     */
    private static boolean isRace(RuntimeException failure) {
        return !(failure instanceof DataAccessResourceFailureException
                || failure instanceof CannotCreateTransactionException
                || failure instanceof InvalidDataAccessResourceUsageException);
    }

    private static void pause(int attempt) {
        try {
            // Random exponential backoff, so that writers who collided once are unlikely to collide again.
            long bound = Math.min(MAX_PAUSE_MILLIS, 1L << Math.min(attempt, 10));
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, bound + 1));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying", interrupted);
        }
    }

    /** Thrown when every attempt lost a race with a concurrent transaction. */
    public static final class ConflictException extends RuntimeException {
        ConflictException(String what, Throwable cause) {
            super(what + " kept conflicting with concurrent updates; send it again", cause);
        }
    }
}
