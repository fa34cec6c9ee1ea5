package io.solomo.decision.web;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseUnavailableTests {

    @Test
    void unreachableDatabaseIsServiceUnavailable() {
        ApiExceptionHandler handler = new ApiExceptionHandler("1MB", "10MB");

        ResponseEntity<ProblemDetail> response = handler.databaseUnavailable(
                new CannotGetJdbcConnectionException("no connection", new SQLException("refused")));

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(response.getBody().getType()).isEqualTo(ProblemTypes.DATABASE_UNAVAILABLE);
        assertThat(response.getBody().getDetail()).startsWith("the database is unavailable");
        assertThat(response.getBody().getProperties()).containsKey("detailFr");
    }
}
