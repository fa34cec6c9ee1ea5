package io.solomo.decision.web;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

import java.util.regex.Pattern;

/** Describes a JSON syntax error for a problem's detail, in Jackson's words and without its internal parts. */
public final class JsonSyntaxErrors {

    // Jackson writes "[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); ...]" into some
    // messages, such as "(start marker at [Source: ...])", which is of no use to a client.
    private static final Pattern SOURCE_PART = Pattern.compile(" ?\\(?[a-z ]*\\[Source: [^\\]]*\\]\\)?");

    private JsonSyntaxErrors() {
    }

    /** Returns the error's first line without the "[Source: ...]" parts, with its line and column or its offset. */
    public static String describe(Throwable cause) {
        if (!(cause instanceof JacksonException jackson)) {
            return firstLine(cause.getMessage());
        }
        String message = SOURCE_PART.matcher(firstLine(jackson.getOriginalMessage())).replaceAll("");
        TokenStreamLocation location = jackson.getLocation();
        if (location == null) {
            return message;
        }
        if (location.getLineNr() > 0) {
            return message + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        }
        long offset = location.getCharOffset() >= 0 ? location.getCharOffset() : location.getByteOffset();
        return offset >= 0 ? message + " (at offset " + offset + ")" : message;
    }

    /**
     * Returns where the syntax error is, in French, such as " à la ligne 1, colonne 5" or " à l’octet 12", or an
     * empty text when Jackson gives no location. Jackson's own description stays out, because it is English.
     */
    public static String locationFr(Throwable cause) {
        if (!(cause instanceof JacksonException jackson) || jackson.getLocation() == null) {
            return "";
        }
        TokenStreamLocation location = jackson.getLocation();
        if (location.getLineNr() > 0) {
            return " à la ligne " + location.getLineNr() + ", colonne " + location.getColumnNr();
        }
        long offset = location.getCharOffset() >= 0 ? location.getCharOffset() : location.getByteOffset();
        return offset >= 0 ? " à l’octet " + offset : "";
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "empty body";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
