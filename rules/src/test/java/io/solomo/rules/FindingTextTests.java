package io.solomo.rules;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Checks the two message bundles that word the findings, and how a {@link FindingText} fills them in. */
class FindingTextTests {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");
    // Codes whose pattern is only values and punctuation, the same in both languages.
    private static final Set<String> SAME_IN_BOTH = Set.of("location.file", "location.sheet-cell");

    @Test
    void everyCodeHasBothWordings() throws IOException {
        Properties english = load("findings.properties");
        Properties french = load("findings_fr.properties");

        assertThat(new TreeSet<>(french.stringPropertyNames()))
                .containsExactlyElementsOf(new TreeSet<>(english.stringPropertyNames()));
    }

    @Test
    void bothWordingsUseTheSameValues() throws IOException {
        Properties english = load("findings.properties");
        Properties french = load("findings_fr.properties");

        for (String code : english.stringPropertyNames()) {
            assertThat(placeholders(french.getProperty(code))).as(code)
                    .isEqualTo(placeholders(english.getProperty(code)));
        }
    }

    @Test
    void frenchIsNoCopyOfEnglish() throws IOException {
        Properties english = load("findings.properties");
        Properties french = load("findings_fr.properties");

        for (String code : english.stringPropertyNames()) {
            if (!SAME_IN_BOTH.contains(code)) {
                assertThat(french.getProperty(code)).as(code).isNotEqualTo(english.getProperty(code));
            }
        }
    }

    @Test
    void apostrophesAreDoubledForMessageFormat() throws IOException {
        // A single apostrophe starts a quoted part in MessageFormat, which would drop it and hide the values after it.
        for (String bundle : new String[] {"findings.properties", "findings_fr.properties"}) {
            Properties patterns = load(bundle);
            for (String code : patterns.stringPropertyNames()) {
                assertThat(patterns.getProperty(code).replace("''", "")).as(bundle + " " + code).doesNotContain("'");
            }
        }
    }

    @Test
    void frenchPunctuationFollowsReadmeFr() throws IOException {
        Properties french = load("findings_fr.properties");

        for (String code : french.stringPropertyNames()) {
            String pattern = french.getProperty(code);
            // A space before ; and :, as README.fr.md writes them, except in quoted DRL such as « package x; ».
            assertThat(pattern).as(code).doesNotContainPattern("\\S;(?! »)").doesNotContainPattern("\\S: ");
            assertThat(pattern).as(code).doesNotContain("\u2019").doesNotContain("\"CSV");
        }
    }

    @Test
    void everyCodeFormatsItsValues() throws IOException {
        Properties english = load("findings.properties");

        for (String code : english.stringPropertyNames()) {
            Set<Integer> indexes = placeholders(english.getProperty(code));
            int count = indexes.stream().mapToInt(index -> index + 1).max().orElse(0);
            Object[] values = new Object[count];
            for (int index = 0; index < values.length; index++) {
                values[index] = "<value " + index + ">";
            }
            FindingText text = FindingText.of(code, values);

            for (String worded : new String[] {text.english(), text.french()}) {
                for (int index : indexes) {
                    assertThat(worded).as(code).contains("<value " + index + ">");
                }
                assertThat(worded).as(code).doesNotContain("{").doesNotContain("''");
            }
        }
    }

    @Test
    void nestedTextSharesItsLanguage() {
        FindingText text = FindingText.of("scenario.row-invalid", FindingText.of("scenario.hour-invalid", "25"));

        assertThat(text.english()).isEqualTo("scenario row: the hour must be a whole number from 0 to 23, got '25'");
        assertThat(text.french()).isEqualTo("ligne de scénario : l'heure doit être un nombre entier de 0 à 23, et non "
                + "« 25 »");
    }

    @Test
    void numbersKeepTheirDigitsInFrench() {
        FindingText text = FindingText.of("file.too-large", 10_485_761, RuleSetValidator.MAX_FILE_BYTES);

        assertThat(text.french()).isEqualTo("le fichier fait 10485761 octets ; 10485760 au plus sont acceptés");
        assertThat(text.english()).isEqualTo("the file has 10485761 bytes; at most 10485760 are accepted");
    }

    @Test
    void englishStaysOnFrenchServer() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.FRANCE);

            assertThat(FindingText.of("file.empty").english()).isEqualTo("the file is empty");
            assertThat(FindingText.of("file.empty").french()).isEqualTo("le fichier est vide");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void unknownCodeRejected() {
        assertThatThrownBy(() -> FindingText.of("file.emtpy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'file.emtpy'");
    }

    private static Set<Integer> placeholders(String pattern) {
        Set<Integer> indexes = new TreeSet<>();
        Matcher placeholder = PLACEHOLDER.matcher(pattern);
        while (placeholder.find()) {
            indexes.add(Integer.parseInt(placeholder.group(1)));
        }
        return indexes;
    }

    /** Reads one bundle file on its own, without the parent bundle that ResourceBundle would add to the French one. */
    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = FindingTextTests.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
