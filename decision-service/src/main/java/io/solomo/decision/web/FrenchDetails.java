package io.solomo.decision.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * French wording help for the {@code detailFr} property of API problems. Sentences are written with ordinary
 * spaces in the source, and {@link #typeset} binds the ones that French typography ties to a mark, as the console's
 * messages do: U+00A0 before a colon and inside guillemets, the narrow U+202F before {@code ; ! ?}.
 */
public final class FrenchDetails {

    private static final Pattern BEFORE_COLON = Pattern.compile(" +(?=:)");
    private static final Pattern BEFORE_HIGH_MARK = Pattern.compile(" +(?=[;!?])");
    private static final Pattern AFTER_OPENING_GUILLEMET = Pattern.compile("(?<=«) +");
    private static final Pattern BEFORE_CLOSING_GUILLEMET = Pattern.compile(" +(?=»)");

    private static final DateTimeFormatter MONTH_YEAR = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.FRENCH);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("mm", Locale.FRENCH);

    private FrenchDetails() {
    }

    /** Returns the date as French writes it in a sentence, such as "3 mars 2027" or "1er avril 2027". */
    public static String date(LocalDate date) {
        String day = date.getDayOfMonth() == 1 ? "1er" : Integer.toString(date.getDayOfMonth());
        return day + " " + date.format(MONTH_YEAR);
    }

    /**
     * Returns the instant in the zone as French writes it, such as "3 mars 2027 à 0 h 00 (Europe/Paris)", with
     * no-break spaces around the "h". The offset zero, whose id is "Z", is named "UTC".
     */
    public static String dateTime(Instant instant, ZoneId zone) {
        ZonedDateTime local = instant.atZone(zone);
        String zoneName = zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
        return date(local.toLocalDate()) + " à " + local.getHour() + "\u00A0h\u00A0" + local.format(MINUTE) + " ("
                + zoneName + ")";
    }

    /** Returns the value between guillemets, as « value », for a French detail that repeats a value sent. */
    public static String quoted(Object value) {
        return "« " + value + " »";
    }

    /**
     * Returns the sentence with each space before {@code : ; ! ?}, after « and before » made no-break. Null stays
     * null. A value quoted in the sentence is typeset too, while the problem's {@code value} keeps it as sent.
     */
    public static String typeset(String sentence) {
        if (sentence == null) {
            return null;
        }
        String bound = BEFORE_COLON.matcher(sentence).replaceAll("\u00A0");
        bound = BEFORE_HIGH_MARK.matcher(bound).replaceAll("\u202F");
        bound = AFTER_OPENING_GUILLEMET.matcher(bound).replaceAll("\u00A0");
        return BEFORE_CLOSING_GUILLEMET.matcher(bound).replaceAll("\u00A0");
    }
}
