package io.solomo.decision.profile;

import org.junit.jupiter.api.Test;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConflictRetryTests {

    private static final TransactionTemplate TRANSACTION = new TransactionTemplate(new NoDatabase());

    @Test
    void lostRaceIsRunAgain() {
        AtomicInteger attempts = new AtomicInteger();

        String result = ConflictRetry.inTransaction(TRANSACTION, "work", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new OptimisticLockingFailureException("a concurrent update won");
            }
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void unreachableDatabaseFailsAtOnce() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> ConflictRetry.inTransaction(TRANSACTION, "work", () -> {
            attempts.incrementAndGet();
            throw new CannotGetJdbcConnectionException("no connection", new SQLException("refused"));
        })).isInstanceOf(CannotGetJdbcConnectionException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void invalidSqlFailsAtOnce() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> ConflictRetry.inTransaction(TRANSACTION, "work", () -> {
            attempts.incrementAndGet();
            throw new BadSqlGrammarException("insert", "insert into gone", new SQLException("no such table"));
        })).isInstanceOf(BadSqlGrammarException.class);
        assertThat(attempts).hasValue(1);
    }

    /** Runs each unit of work at once, without a database. */
    private static final class NoDatabase extends AbstractPlatformTransactionManager {

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
        }
    }
}
