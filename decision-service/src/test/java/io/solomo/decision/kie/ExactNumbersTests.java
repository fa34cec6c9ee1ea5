package io.solomo.decision.kie;

import io.solomo.decision.web.EchoedValues;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The shortened values that KIE batch problems show. */
class ExactNumbersTests {

    @Test
    void cutKeepsSurrogatePairsWhole() {
        String text = "a".repeat(EchoedValues.MAX_ECHOED_CHARACTERS - 1) + "\uD83D\uDE00" + "b".repeat(10);

        Object message = ExactNumbers.forMessage(JsonNodeFactory.instance.stringNode(text));

        assertThat(message).isEqualTo("a".repeat(EchoedValues.MAX_ECHOED_CHARACTERS - 1) + "... ("
                + text.length() + " characters)");
    }

    @Test
    void longArrayIsShortenedText() {
        ArrayNode numbers = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < 100; i++) {
            numbers.add(i);
        }

        Object message = ExactNumbers.forMessage(numbers);

        assertThat(message).isEqualTo(numbers.toString().substring(0, EchoedValues.MAX_ECHOED_CHARACTERS) + "... ("
                + numbers.toString().length() + " characters)");
    }

    @Test
    void shortValueIsShownWhole() {
        assertThat(ExactNumbers.forMessage(JsonNodeFactory.instance.stringNode("Alice"))).isEqualTo("Alice");
    }
}
