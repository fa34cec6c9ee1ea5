package io.solomo.decision.delivery;

import io.solomo.decision.SettingChecks;

import java.text.Normalizer;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The preparation of an SMS text for its encoding, chosen by {@code solomo.delivery.sms.encoding}.
 *
 * <p>{@link #SMART} replaces each character outside the GSM-7 alphabet by a look-alike that keeps the meaning
 * (ê→e, œ→oe, Œuvre→Oeuvre, « »→", ’→', …→..., –→-), so that a French text takes 160 characters per SMS instead
 * of 70. It keeps the letters that GSM-7 has (é è à ù ì ò É Ç ä ö ü ñ). It replaces all or nothing: when one
 * character has no look-alike (an emoji, a non-Latin script), the text is sent as written in UCS-2, because UCS-2
 * carries the accents at the same cost, and replacements such as œ→oe or …→... would only lengthen it.
 *
 * <p>{@link #UNICODE} sends the text as written.
 */
enum SmsEncoding {

    SMART,
    UNICODE;

    static final String SETTING = "solomo.delivery.sms.encoding";

    /**
     * Look-alikes of the characters outside GSM-7 that French texts use. GSM-7 has the capital Ç but not the small
     * ç, which becomes c because a capital reads oddly mid-word ("reÇu").
     */
    private static final Map<Character, String> LOOK_ALIKES = Map.ofEntries(
            Map.entry('â', "a"), Map.entry('Â', "A"), Map.entry('À', "A"),
            Map.entry('ê', "e"), Map.entry('ë', "e"), Map.entry('Ê', "E"), Map.entry('Ë', "E"), Map.entry('È', "E"),
            Map.entry('î', "i"), Map.entry('ï', "i"), Map.entry('Î', "I"), Map.entry('Ï', "I"), Map.entry('Ì', "I"),
            Map.entry('ô', "o"), Map.entry('Ô', "O"), Map.entry('Ò', "O"),
            Map.entry('û', "u"), Map.entry('Û', "U"), Map.entry('Ù', "U"),
            Map.entry('ÿ', "y"), Map.entry('Ÿ', "Y"),
            Map.entry('ç', "c"),
            Map.entry('œ', "oe"), Map.entry('Œ', "OE"),
            Map.entry('«', "\""), Map.entry('»', "\""), Map.entry('“', "\""), Map.entry('”', "\""),
            Map.entry('„', "\""),
            Map.entry('‘', "'"), Map.entry('’', "'"), Map.entry('‚', "'"), Map.entry('‹', "'"), Map.entry('›', "'"),
            Map.entry('…', "..."),
            Map.entry('‐', "-"), Map.entry('‑', "-"), Map.entry('‒', "-"), Map.entry('–', "-"), Map.entry('—', "-"),
            Map.entry('\u00A0', " "), Map.entry('\u2007', " "), Map.entry('\u2009', " "), Map.entry('\u202F', " "));

    /** The space French typography puts inside guillemets, which straight quotes do not take. */
    private static final Pattern AFTER_OPENING_GUILLEMET = Pattern.compile("«[ \u00A0\u202F]+");
    private static final Pattern BEFORE_CLOSING_GUILLEMET = Pattern.compile("[ \u00A0\u202F]+»");

    /** Parses the setting, or rejects it with the values it accepts. */
    static SmsEncoding of(String value) {
        return SettingChecks.oneOf(SETTING, value, SmsEncoding.class);
    }

    /** Returns the text to count and send: with GSM-7 look-alikes when {@link #SMART} can reach GSM-7, else as is. */
    String apply(String text) {
        if (this == UNICODE || text == null) {
            return text;
        }
        // NFC first, so that an e followed by a combining acute accent becomes the GSM-7 é.
        String composed = Normalizer.normalize(text, Normalizer.Form.NFC);
        composed = AFTER_OPENING_GUILLEMET.matcher(composed).replaceAll("«");
        composed = BEFORE_CLOSING_GUILLEMET.matcher(composed).replaceAll("»");

        StringBuilder replaced = new StringBuilder(composed.length());
        for (int i = 0; i < composed.length(); i++) {
            char c = composed.charAt(i);
            String lookAlike = LOOK_ALIKES.get(c);
            if (c == 'Œ' && i + 1 < composed.length() && Character.isLowerCase(composed.charAt(i + 1))) {
                replaced.append("Oe");
            } else if (lookAlike != null) {
                replaced.append(lookAlike);
            } else if (SmsSegments.isGsm7(c)) {
                replaced.append(c);
            } else {
                return text;
            }
        }
        return replaced.toString();
    }
}
