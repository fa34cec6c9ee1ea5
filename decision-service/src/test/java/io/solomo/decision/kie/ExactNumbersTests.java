package io.solomo.decision.kie;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The shortened values that KIE batch problems show. */
class ExactNumbersTests {

    @Test
    void cutKeepsSurrogatePairsWhole() {
        String text = "a".repeat(ExactNumbers.MAX_SHOWN_LENGTH - 1) + "\uD83D\uDE00" + "b".repeat(10);

        Object message = ExactNumbers.forMessage(JsonNodeFactory.instance.stringNode(text));

        assertThat(message).isEqualTo("a".repeat(ExactNumbers.MAX_SHOWN_LENGTH - 1) + "...");
    }

    @Test
    void shortValueIsShownWhole() {
        assertThat(ExactNumbers.forMessage(JsonNodeFactory.instance.stringNode("Alice"))).isEqualTo("Alice");
    }
}
