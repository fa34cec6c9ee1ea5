package io.solomo.decision.web;

import tools.jackson.databind.JsonNode;

/**
 * Shortens the input that a problem or a log line repeats, so that no error echoes a huge value: a 30 MB field would
 * otherwise come back twice in a 60 MB response and fill a log line.
 */
public final class EchoedValues {

    /** The maximum number of characters of a value that a problem's {@code value} and {@code detail} repeat. */
    public static final int MAX_ECHOED_CHARACTERS = 200;

    /** The maximum number of characters of a problem's {@code detail}, whatever it quotes. */
    static final int MAX_DETAIL_CHARACTERS = 1000;

    private EchoedValues() {
    }

    /**
     * Returns the value as it is, or a text longer than {@value #MAX_ECHOED_CHARACTERS} characters cut to its first
     * {@value #MAX_ECHOED_CHARACTERS} characters, followed by "..." and its length. A JSON object or array longer
     * than that as text is cut alike, as text.
     */
    public static Object shorten(Object value) {
        if (value instanceof CharSequence text && text.length() > MAX_ECHOED_CHARACTERS) {
            return cut(text.toString(), MAX_ECHOED_CHARACTERS);
        }
        if (value instanceof JsonNode tree && tree.isContainer()) {
            String json = tree.toString();
            return json.length() > MAX_ECHOED_CHARACTERS ? cut(json, MAX_ECHOED_CHARACTERS) : tree;
        }
        return value;
    }

    /**
     * Returns the text as it is, or cut to its first {@value #MAX_ECHOED_CHARACTERS} characters and followed by "..."
     * and its length when it is longer, as {@link #shorten} does.
     */
    public static String shortenText(String text) {
        return text.length() > MAX_ECHOED_CHARACTERS ? cut(text, MAX_ECHOED_CHARACTERS) : text;
    }

    /**
     * Returns the detail with the long value it quotes shortened as {@link #shorten} does, then cut to
     * {@value #MAX_DETAIL_CHARACTERS} characters when it is still longer.
     */
    public static String shortenDetail(String detail, Object value) {
        if (detail == null) {
            return null;
        }
        String shortened = detail;
        if (value instanceof CharSequence text && text.length() > MAX_ECHOED_CHARACTERS) {
            shortened = shortened.replace(text, cut(text.toString(), MAX_ECHOED_CHARACTERS));
        }
        return shortened.length() > MAX_DETAIL_CHARACTERS ? cut(shortened, MAX_DETAIL_CHARACTERS) : shortened;
    }

    private static String cut(String text, int keep) {
        // A cut between the two halves of a surrogate pair would leave half a character.
        int end = Character.isHighSurrogate(text.charAt(keep - 1)) ? keep - 1 : keep;
        return text.substring(0, end) + "... (" + text.length() + " characters)";
    }
}
