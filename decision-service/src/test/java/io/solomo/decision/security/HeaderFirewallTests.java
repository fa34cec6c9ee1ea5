package io.solomo.decision.security;

import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The firewall's header checks agree with Spring Security's patterns on every code point. */
class HeaderFirewallTests {

    private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void everyCodePointMatchesSpringPatterns() {
        IntStream.rangeClosed(0, Character.MAX_CODE_POINT)
                .filter(codePoint -> codePoint < Character.MIN_SURROGATE || codePoint > Character.MAX_SURROGATE)
                .forEach(codePoint -> {
                    String text = "a" + Character.toString(codePoint) + "b";
                    assertThat(HeaderFirewall.assignedAndNotControl(text, false)).as("name U+%04X", codePoint)
                            .isEqualTo(NAME.matcher(text).matches());
                    assertThat(HeaderFirewall.assignedAndNotControl(text, true)).as("value U+%04X", codePoint)
                            .isEqualTo(VALUE.matcher(text).matches());
                });
    }

    @Test
    void controlCharacterInHeaderIsRejected() {
        assertThat(HeaderFirewall.assignedAndNotControl("Basic abc\u0000", true)).isFalse();
        assertThat(HeaderFirewall.assignedAndNotControl("text/plain;\tq=1", true)).isTrue();
        assertThat(HeaderFirewall.assignedAndNotControl("X-\tName", false)).isFalse();
    }
}
