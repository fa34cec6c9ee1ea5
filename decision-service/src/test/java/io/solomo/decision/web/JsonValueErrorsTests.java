package io.solomo.decision.web;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Plain-word descriptions of JSON bodies that do not bind, read with Jackson as Spring MVC reads them. */
class JsonValueErrorsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Review(String customerId, int stars) {
    }

    record Basket(List<Review> reviews) {
    }

    @Test
    void arrayForObjectBodyNamesBothKinds() {
        JacksonException failure = readFailure("[1]", Review.class);

        assertThat(JsonValueErrors.atPath(failure)).isEmpty();
        assertThat(JsonValueErrors.atRoot(failure)).contains(failure);
        assertThat(JsonValueErrors.describeRoot(failure))
                .isEqualTo("the request body must be a JSON object, got an array");
    }

    @Test
    void scalarBodiesAreNamedPlainly() {
        assertThat(JsonValueErrors.describeRoot(readFailure("\"text\"", Review.class)))
                .isEqualTo("the request body must be a JSON object, got text");
        assertThat(JsonValueErrors.describeRoot(readFailure("12", Review.class)))
                .isEqualTo("the request body must be a JSON object, got a whole number");
        assertThat(JsonValueErrors.describeRoot(readFailure("true", Review.class)))
                .isEqualTo("the request body must be a JSON object, got true or false");
        assertThat(JsonValueErrors.describeRoot(readFailure("{}", Review[].class)))
                .isEqualTo("the request body must be a JSON array, got an object");
    }

    @Test
    void rootDescriptionShowsNoJavaNames() {
        for (String body : List.of("[1]", "\"text\"", "12", "1.5", "true")) {
            String detail = JsonValueErrors.describeRoot(readFailure(body, Review.class));

            assertThat(detail).as(body).doesNotContain("Review", "io.solomo", "JsonToken", "`");
        }
    }

    @Test
    void nestedArrayKeepsFieldPath() {
        JacksonException failure = readFailure("{\"reviews\": [[1]]}", Basket.class);

        assertThat(JsonValueErrors.atPath(failure)).contains(failure);
        JsonValueErrors.FieldError error = JsonValueErrors.describe(failure);
        assertThat(error.field()).isEqualTo("reviews[0]");
        assertThat(error.detail()).isEqualTo("field reviews[0] has an invalid value: expected an object, got an array");
    }

    @Test
    void trailingContentIsNamedAsSuch() {
        JsonMapper strict = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
        JacksonException failure = catchThrowableOfType(JacksonException.class,
                () -> strict.readValue("{\"customerId\": \"c-1\", \"stars\": 5} {\"x\": 1}", Review.class));

        assertThat(JsonValueErrors.atRoot(failure)).contains(failure);
        assertThat(JsonValueErrors.describeRoot(failure))
                .isEqualTo("the request body has more content after its JSON value; send one JSON value only");
    }

    @Test
    void bodyCutInsideValueIsNoFieldError() {
        JacksonException failure = readFailure("{\"customerId\": \"c-", Review.class);

        assertThat(JsonValueErrors.atPath(failure)).isEmpty();
    }

    private static JacksonException readFailure(String body, Class<?> type) {
        return catchThrowableOfType(JacksonException.class, () -> JSON.readValue(body, type));
    }
}
