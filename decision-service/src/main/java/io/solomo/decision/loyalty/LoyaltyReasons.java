package io.solomo.decision.loyalty;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Properties;

/**
 * The reasons of a loyalty ledger line as a customer reads them: the French one from
 * {@code i18n/loyalty_fr.properties}, and the English one, which is the reason stored with the line except for an
 * expiry, whose date is worded in the customer's time zone.
 */
final class LoyaltyReasons {

    private static final String FRENCH_BUNDLE = "i18n/loyalty_fr.properties";
    private static final Properties FRENCH = load();
    private static final DateTimeFormatter MONTH_AND_YEAR = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.FRENCH);
    private static final DateTimeFormatter ENGLISH_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private LoyaltyReasons() {
    }

    /**
     * Returns the French reason of a ledger line.
     *
     * <p>An earned line translates each rule name of its reason, or, when a name is not in the bundle, words the
     * action type. A spending keeps the reason that the caller sent, because the server has no translation of it;
     * only the default "Points spent" is translated. An expiry names the date of the last activity in the customer's
     * time zone.
     */
    static String french(LoyaltyEntry.Kind kind, String action, String reference, String reason, ZoneId timeZone) {
        return switch (kind) {
            case EARNED -> earned(action, reason);
            case SPENT -> LoyaltyProgramme.DEFAULT_SPEND_REASON.equals(reason) ? FRENCH.getProperty("spent") : reason;
            case EXPIRED -> expired(reference, reason, timeZone);
        };
    }

    /**
     * Returns the English reason of a ledger line: the stored reason, or for an expiry "No activity since" and the
     * date of the last activity in the customer's time zone, as the French reason words it.
     */
    static String english(LoyaltyEntry.Kind kind, String reference, String reason, ZoneId timeZone) {
        if (kind != LoyaltyEntry.Kind.EXPIRED) {
            return reason;
        }
        ZonedDateTime day = lastActivity(reference, timeZone);
        return day == null ? reason : "No activity since " + ENGLISH_DATE.format(day);
    }

    private static String earned(String action, String reason) {
        StringBuilder french = new StringBuilder();
        for (String ruleName : reason.split("; ")) {
            String wording = FRENCH.getProperty("rule." + ruleName);
            if (wording == null) {
                return FRENCH.getProperty("action." + action, reason);
            }
            if (!french.isEmpty()) {
                // French puts a narrow no-break space before a semicolon, so that no line starts with it.
                french.append("\u202F; ");
            }
            french.append(wording);
        }
        return french.toString();
    }

    /** Words the date of the last activity that the expiry reference carries, as in "inactive-since-{instant}". */
    private static String expired(String reference, String reason, ZoneId timeZone) {
        ZonedDateTime day = lastActivity(reference, timeZone);
        if (day == null) {
            return reason;
        }
        // French writes the first day of a month as an ordinal: "1er janvier", then "2 janvier".
        String date = (day.getDayOfMonth() == 1 ? "1er" : Integer.toString(day.getDayOfMonth())) + " "
                + MONTH_AND_YEAR.format(day);
        return new MessageFormat(FRENCH.getProperty("expired"), Locale.FRENCH).format(new Object[] {date});
    }

    /** Returns the last activity that an expiry reference carries, in the time zone, or null when it has none. */
    private static ZonedDateTime lastActivity(String reference, ZoneId timeZone) {
        String prefix = LoyaltyProgramme.EXPIRY_REFERENCE_PREFIX;
        if (reference == null || !reference.startsWith(prefix)) {
            return null;
        }
        try {
            return Instant.parse(reference.substring(prefix.length())).atZone(timeZone);
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = LoyaltyReasons.class.getClassLoader().getResourceAsStream(FRENCH_BUNDLE)) {
            if (in == null) {
                throw new IllegalStateException(FRENCH_BUNDLE + " is missing from the class path");
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException failed) {
            throw new UncheckedIOException("could not read " + FRENCH_BUNDLE, failed);
        }
        return properties;
    }
}
