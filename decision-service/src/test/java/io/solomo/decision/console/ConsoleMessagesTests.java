package io.solomo.decision.console;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's message catalogue, {@code static/console/messages.json}: every key in both languages with the same
 * placeholders, and French texts with French typography.
 */
class ConsoleMessagesTests {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[\\w-]+}");
    /** A no-break space, U+00A0, or a narrow one, U+202F. */
    private static final String NO_BREAK = "\u00A0\u202F";

    static JsonNode catalogue() throws IOException {
        try (InputStream file = ConsoleMessagesTests.class.getResourceAsStream("/static/console/messages.json")) {
            assertThat(file).as("static/console/messages.json on the class path").isNotNull();
            return JsonMapper.builder().build().readTree(file);
        }
    }

    @Test
    void everyKeyInBothLanguages() throws IOException {
        JsonNode catalogue = catalogue();
        Set<String> french = new TreeSet<>(catalogue.get("fr").propertyNames());
        Set<String> english = new TreeSet<>(catalogue.get("en").propertyNames());

        assertThat(difference(french, english)).as("keys in French only").isEmpty();
        assertThat(difference(english, french)).as("keys in English only").isEmpty();
        assertThat(french).isNotEmpty();
    }

    @Test
    void samePlaceholdersInBothLanguages() throws IOException {
        JsonNode catalogue = catalogue();
        for (String key : catalogue.get("fr").propertyNames()) {
            JsonNode english = catalogue.get("en").get(key);
            if (english == null) {
                continue;
            }
            assertThat(placeholders(catalogue.get("fr").get(key).asString())).as("placeholders of " + key)
                    .isEqualTo(placeholders(english.asString()));
        }
    }

    @Test
    void frenchTypographyKept() throws IOException {
        List<String> faults = new ArrayList<>();
        JsonNode french = catalogue().get("fr");
        for (String key : french.propertyNames()) {
            faults.addAll(typographyFaults(key, french.get(key).asString()));
        }
        assertThat(faults).isEmpty();
    }

    /**
     * The console quotes a problem's French {@code detailFr} with "error.detail". It quotes the English
     * {@code detail} of a problem without one with "error.detailEnglish", which marks it as English.
     */
    @Test
    void detailLinesSayWhenEnglish() throws IOException {
        JsonNode french = catalogue().get("fr");

        assertThat(french.get("error.detail").asString()).isEqualTo("Détail du serveur\u00A0: {detail}");
        assertThat(french.get("error.detailEnglish").asString()).contains("en anglais");
    }

    /**
     * The console quotes a rejected value with "error.value" in the language's own quotes, so that a French screen
     * never shows JSON's straight quotes, and writes "error.valueEmpty" for an empty text rather than quoting nothing.
     */
    @Test
    void rejectedValueQuotedPerLanguage() throws IOException {
        JsonNode catalogue = catalogue();

        assertThat(catalogue.get("fr").get("error.value").asString()).contains("«\u00A0{value}\u00A0»");
        assertThat(catalogue.get("en").get("error.value").asString()).contains("“{value}”");
        assertThat(catalogue.get("fr").get("error.valueEmpty").asString()).doesNotContain("{value}");
    }

    @Test
    void typographyCheckFindsFaults() {
        assertThat(typographyFaults("k", "Motif : refus")).hasSize(1);
        assertThat(typographyFaults("k", "Motif: refus")).hasSize(1);
        assertThat(typographyFaults("k", "Retirer ?")).hasSize(1);
        assertThat(typographyFaults("k", "« Modèle\u00A0»")).hasSize(1);
        assertThat(typographyFaults("k", "«\u00A0Modèle »")).hasSize(1);
        assertThat(typographyFaults("k", "\"Modèle\"")).hasSize(2);
        assertThat(typographyFaults("k", "à 23:59")).hasSize(1);
        assertThat(typographyFaults("k", "Motif\u00A0: «\u00A0refus\u00A0»\u202F! Fin\u00A0? Oui\u00A0; 23\u00A0h\u00A059"))
                .isEmpty();
    }

    /** Lists the French typography faults of one text: spaces before high punctuation and inside quotes. */
    static List<String> typographyFaults(String key, String text) {
        List<String> faults = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char before = i > 0 ? text.charAt(i - 1) : '\0';
            char after = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
            if ((c == ':' || c == ';' || c == '!' || c == '?' || c == '»') && NO_BREAK.indexOf(before) < 0) {
                boolean clock = c == ':' && Character.isDigit(before) && Character.isDigit(after);
                faults.add(key + ": '" + c + "' at " + i + " needs a no-break space before it"
                        + (clock ? ", and times are written as \"23\u00A0h\u00A059\"" : "") + ": " + text);
            }
            if (c == '«' && NO_BREAK.indexOf(after) < 0) {
                faults.add(key + ": '«' at " + i + " needs a no-break space after it: " + text);
            }
            if (c == '"') {
                faults.add(key + ": '\"' at " + i + " should be French quotes « »: " + text);
            }
        }
        return faults;
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }

    private static Set<String> difference(Set<String> from, Set<String> without) {
        Set<String> result = new TreeSet<>(from);
        result.removeAll(without);
        return result;
    }
}
