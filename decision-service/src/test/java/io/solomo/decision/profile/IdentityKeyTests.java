package io.solomo.decision.profile;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Phone numbers as French customers and SMS gateways write them, normalised to E.164. */
class IdentityKeyTests {

    @ParameterizedTest
    @CsvSource({
            "06 12 34 56 78, +33612345678",
            "+33 6 12 34 56 78, +33612345678",
            "01.44.55.66.77, +33144556677",
            "0692 12 34 56, +262692123456",
            "0262 20 12 34, +262262201234",
            "0639 69 12 34, +262639691234",
            "0690 12 34 56, +590690123456",
            "0696 12 34 56, +596696123456",
            "0694 20 12 34, +594694201234",
            "+262 692 12 34 56, +262692123456",
            "+44 20 7946 0958, +442079460958"
    })
    void nationalAndOverseasNumbersNormalised(String raw, String expected) {
        assertThat(IdentityKey.normalise(IdentityType.PHONE, raw).value()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"06 12 34", "+33 692 12 34 56", "0099 12 34 56", "not a number"})
    void invalidNumbersRejected(String raw) {
        assertThatThrownBy(() -> IdentityKey.normalise(IdentityType.PHONE, raw))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(raw);
    }
}
