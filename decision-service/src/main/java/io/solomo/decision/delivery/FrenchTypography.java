package io.solomo.decision.delivery;

import io.solomo.model.Language;

import java.util.regex.Pattern;

/**
 * French typography of the texts sent to a customer. French puts a space before {@code : ; ! ?} and {@code »},
 * after {@code «}, and between a number and {@code %} or {@code €}. That space must not break, or a line of a push
 * notification or an email can start with a lone "!" or "€". Analysts type ordinary spaces, so this class turns
 * each such space into a no-break space: U+00A0 before a colon, around guillemets and before a unit, and the
 * narrow U+202F before the other marks. It adds no space where the text has none.
 */
final class FrenchTypography {

    private static final char NO_BREAK_SPACE = '\u00A0';
    private static final char NARROW_NO_BREAK_SPACE = '\u202F';

    private static final Pattern BEFORE_COLON = Pattern.compile(" +(?=:)");
    private static final Pattern BEFORE_HIGH_MARK = Pattern.compile(" +(?=[;!?])");
    private static final Pattern AFTER_OPENING_GUILLEMET = Pattern.compile("(?<=«) +");
    private static final Pattern BEFORE_CLOSING_GUILLEMET = Pattern.compile(" +(?=»)");
    private static final Pattern BEFORE_UNIT = Pattern.compile("(?<=\\d) +(?=[%€])");
    private static final Pattern ANY_NO_BREAK_SPACE = Pattern.compile("[\u00A0\u202F]");

    private FrenchTypography() {
    }

    /** Returns the text with French typography applied when the language is French, else unchanged. */
    static String typeset(String text, Language language) {
        return language == Language.FR ? apply(text) : text;
    }

    /** Returns the text with each space that French typography binds to a mark made no-break. Null stays null. */
    static String apply(String text) {
        if (text == null) {
            return null;
        }
        String bound = BEFORE_COLON.matcher(text).replaceAll(String.valueOf(NO_BREAK_SPACE));
        bound = BEFORE_HIGH_MARK.matcher(bound).replaceAll(String.valueOf(NARROW_NO_BREAK_SPACE));
        bound = AFTER_OPENING_GUILLEMET.matcher(bound).replaceAll(String.valueOf(NO_BREAK_SPACE));
        bound = BEFORE_CLOSING_GUILLEMET.matcher(bound).replaceAll(String.valueOf(NO_BREAK_SPACE));
        return BEFORE_UNIT.matcher(bound).replaceAll(String.valueOf(NO_BREAK_SPACE));
    }

    /**
     * Returns the text with every no-break space made an ordinary space. An SMS needs this: the GSM-7 alphabet has
     * no no-break space, and a single one sends the whole text in UCS-2, at 70 characters per SMS instead of 160.
     */
    static String plainSpaces(String text) {
        return text == null ? null : ANY_NO_BREAK_SPACE.matcher(text).replaceAll(" ");
    }
}
