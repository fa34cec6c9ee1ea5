package io.solomo.decision.delivery;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmsEncodingTests {

    @Test
    void smartReplacesFrenchCharactersOutsideGsm7() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("fête, château, île, hôtel, sûr", "fete, chateau, ile, hotel, sur"),
                Map.entry("Noël, maïs, L'Haÿ-les-Roses", "Noel, mais, L'Hay-les-Roses"),
                Map.entry("reçu, Ça va", "recu, Ça va"),
                Map.entry("cœur, Œuvre, ŒUF", "coeur, Oeuvre, OEUF"),
                Map.entry("ÂGE, ÊTRE, ÎLE, ÔTER, ÛN, À, È, Ù, Ì, Ò", "AGE, ETRE, ILE, OTER, UN, A, E, U, I, O"),
                Map.entry("l’été, ‘oui’", "l'été, 'oui'"),
                Map.entry("“merci”, „danke“", "\"merci\", \"danke\""),
                Map.entry("« bonjour »", "\"bonjour\""),
                Map.entry("«\u00A0bonjour\u00A0»", "\"bonjour\""),
                Map.entry("et après…", "et après..."),
                Map.entry("10–12 h — vite", "10-12 h - vite"),
                Map.entry("Prix\u00A0: 5\u202F€", "Prix : 5 €"));

        for (Map.Entry<String, String> example : cases.entrySet()) {
            String converted = SmsEncoding.SMART.apply(example.getKey());

            assertThat(converted).as(example.getKey()).isEqualTo(example.getValue());
            assertThat(SmsSegments.of(converted).encoding()).as(example.getKey()).isEqualTo("GSM7");
        }
    }

    @Test
    void smartKeepsGsm7Letters() {
        String gsm7 = "é è à ù ì ò É Ç ä ö ü ñ Ä Ö Ü Ñ æ Æ ø Ø å Å ß € [ ]";

        assertThat(SmsEncoding.SMART.apply(gsm7)).isEqualTo(gsm7);
    }

    @Test
    void smartComposesCombiningAccents() {
        assertThat(SmsEncoding.SMART.apply("cafe\u0301")).isEqualTo("café");
    }

    @Test
    void smartKeepsTextWithEmojiAsWritten() {
        String text = "Fête des mères 🎁 : « cœur » offert…";

        assertThat(SmsEncoding.SMART.apply(text)).isEqualTo(text);
        assertThat(SmsSegments.of(SmsEncoding.SMART.apply(text)).encoding()).isEqualTo("UCS2");
    }

    @Test
    void smartKeepsNonLatinScriptAsWritten() {
        String text = "Café Καλημέρα";

        assertThat(SmsEncoding.SMART.apply(text)).isEqualTo(text);
    }

    @Test
    void unicodeKeepsTextAsWritten() {
        String text = "Fête des mères : « cœur » offert…";

        assertThat(SmsEncoding.UNICODE.apply(text)).isEqualTo(text);
    }

    @Test
    void settingIgnoresCase() {
        assertThat(SmsEncoding.of("smart")).isEqualTo(SmsEncoding.SMART);
        assertThat(SmsEncoding.of(" Unicode ")).isEqualTo(SmsEncoding.UNICODE);
    }

    @Test
    void unknownSettingIsRejected() {
        assertThatThrownBy(() -> SmsEncoding.of("ascii"))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("solomo.delivery.sms.encoding must be one of smart, unicode, got 'ascii'");
    }
}
