package io.solomo.rules;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * The wording of one finding: a code naming the kind of finding and the values it mentions, such as a cell's value or
 * a file name. The message bundles {@code io/solomo/rules/findings.properties} (English) and
 * {@code findings_fr.properties} (French) word each code as a {@link MessageFormat} pattern, so {@code ''} writes an
 * apostrophe there.
 *
 * <p>A value that is itself a {@code FindingText} is worded in the same language as the text around it. Any other
 * value is inserted as {@link String#valueOf(Object)} writes it, never formatted for a locale, so a number reads as
 * the analyst typed it or as Drools reads it.
 *
 * @param code   the key of the pattern in the bundles, such as {@code table.date-cell}
 * @param values the values for {@code {0}}, {@code {1}}, ... of the pattern: strings and nested texts
 */
public record FindingText(String code, List<Object> values) {

    /** The base name of the message bundles, in the rules module's resources. */
    static final String BUNDLE = "io.solomo.rules.findings";

    // Without the fallback control, ResourceBundle would return the bundle of the JVM's default locale for a missing
    // language, so a French server would word "English" messages in French.
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    public FindingText {
        Objects.requireNonNull(code, "code");
        values = values.stream().map(value -> value instanceof FindingText ? value : String.valueOf(value)).toList();
    }

    /**
     * Returns the text of a code with its values.
     *
     * @throws IllegalArgumentException when no bundle words the code, so that a mistyped code fails in tests
     */
    public static FindingText of(String code, Object... values) {
        if (!bundle(Locale.ROOT).containsKey(code)) {
            throw new IllegalArgumentException("no finding message has the code '" + code + "'; add it to "
                    + BUNDLE.replace('.', '/') + ".properties and " + BUNDLE.replace('.', '/') + "_fr.properties");
        }
        return new FindingText(code, Arrays.asList(values));
    }

    /** Returns the English wording, which stored reports and current clients read as {@code message}. */
    public String english() {
        return in(Locale.ROOT);
    }

    /** Returns the French wording. */
    public String french() {
        return in(Locale.FRENCH);
    }

    private String in(Locale language) {
        Object[] worded = values.stream()
                .map(value -> value instanceof FindingText nested ? nested.in(language) : value)
                .toArray();
        return new MessageFormat(bundle(language).getString(code), language).format(worded);
    }

    /** Returns the bundle of one language: {@link Locale#ROOT} for English, {@link Locale#FRENCH} for French. */
    static ResourceBundle bundle(Locale language) {
        try {
            return ResourceBundle.getBundle(BUNDLE, language, FindingText.class.getClassLoader(), NO_FALLBACK);
        } catch (MissingResourceException missing) {
            throw new IllegalStateException("the finding messages " + BUNDLE + " are missing from the class path of "
                    + "solomo-rules; rebuild the module", missing);
        }
    }

    @Override
    public String toString() {
        return code + ": " + english();
    }
}
