package io.solomo.decision.offer;

import io.solomo.model.Language;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The language of the why-not response chosen from the request's Accept-Language header. */
class ResponseLanguageTests {

    @ParameterizedTest(name = "[{0}] gives {1}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
            "fr-FR                     | FR",
            "fr                        | FR",
            "FR-ca                     | FR",
            "fr-FR,fr;q=0.9,en;q=0.8   | FR",
            "de-DE, fr;q=0.5           | FR",
            "en-US,en;q=0.9,fr;q=0.8   | EN",
            "en;q=0.4, fr;q=0.6        | FR",
            "fr;q=0, en                | EN",
            "de                        | EN",
            "*                         | EN",
            "'fr;q=0.1, *'             | EN",
            "'*;q=0.5, fr;q=0.1'       | EN",
            "'de, *;q=0.5, fr;q=0.3'   | EN",
            "'de, fr;q=0.5, *;q=0.3'   | FR",
            "NONE                      | EN",
            "'   '                     | EN",
            "fr_FR                     | EN",
            "fr;q=2                    | EN",
            "fr;q=abc                  | EN"
    })
    void acceptLanguageChoosesLanguage(String acceptLanguage, Language expected) {
        assertThat(DecisionController.responseLanguage(acceptLanguage)).isEqualTo(expected);
    }
}
