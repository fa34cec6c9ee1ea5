package io.solomo.decision.offer;

import io.solomo.model.Language;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The decision log's texts in English and French: the reasons a candidate was held back and the frames of the why-not
 * response. They are read from {@code i18n/reasons.properties} (English) and {@code i18n/reasons_fr.properties} once,
 * and each pattern is parsed once into a {@link MessageFormat}.
 *
 * <p>A {@link Duration} argument is worded in whole days, hours, minutes or seconds, and a {@link LocalTime} argument as the
 * language writes a time of day ("22:00", "22 h"). A {@link LocalDate} is worded as a date ("1 January 2026",
 * "1er janvier 2026") and a {@link ZonedDateTime} as its date and time of day in its own time zone ("6 June 2025 at
 * 10:15", "6 juin 2025 à 10 h 15"), to the minute.
 */
final class ReasonMessages {

    private static final String ENGLISH_BUNDLE = "i18n/reasons.properties";
    private static final String FRENCH_BUNDLE = "i18n/reasons_fr.properties";

    private static final Map<Language, Locale> LOCALES = Map.of(Language.EN, Locale.ENGLISH, Language.FR,
            Locale.FRENCH);

    private static final Map<Language, Map<String, MessageFormat>> FORMATS = load();

    private ReasonMessages() {
    }

    /**
     * Formats the message {@code key} in the language.
     *
     * @throws IllegalArgumentException when no bundle has the key
     */
    static String format(Language language, String key, Object... args) {
        MessageFormat parsed = FORMATS.get(language).get(key);
        if (parsed == null) {
            throw new IllegalArgumentException("no message '" + key + "' in the " + language + " bundle of "
                    + ENGLISH_BUNDLE + " and " + FRENCH_BUNDLE);
        }
        Object[] worded = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            worded[i] = wordArgument(language, args[i]);
        }
        // A MessageFormat and its number formats are not thread-safe. A clone copies the parsed pattern, which is
        // much cheaper than parsing it again.
        return ((MessageFormat) parsed.clone()).format(worded);
    }

    /** Returns the keys of both bundles that only one of them has, for the test that keeps them in step. */
    static Set<String> keysInOneLanguageOnly() {
        Set<String> english = new TreeSet<>(FORMATS.get(Language.EN).keySet());
        Set<String> french = new TreeSet<>(FORMATS.get(Language.FR).keySet());
        Set<String> unmatched = new TreeSet<>(english);
        unmatched.addAll(french);
        english.retainAll(french);
        unmatched.removeAll(english);
        return unmatched;
    }

    private static Object wordArgument(Language language, Object argument) {
        if (argument instanceof Duration duration) {
            return durationInWords(language, duration);
        }
        if (argument instanceof LocalTime time) {
            return timeInWords(language, time);
        }
        if (argument instanceof LocalDate date) {
            return dateInWords(language, date);
        }
        if (argument instanceof ZonedDateTime dateTime) {
            return format(language, "date-time", dateInWords(language, dateTime.toLocalDate()),
                    timeInWords(language, dateTime.toLocalTime()));
        }
        return argument;
    }

    private static String timeInWords(Language language, LocalTime time) {
        return time.getMinute() == 0
                ? format(language, "time.whole-hour", time.getHour())
                : format(language, "time.hour-minute", time.getHour(), time.getMinute());
    }

    private static String dateInWords(Language language, LocalDate date) {
        String month = date.getMonth().getDisplayName(TextStyle.FULL, LOCALES.get(language));
        return format(language, "date", date.getDayOfMonth(), month, date.getYear());
    }

    /**
     * Words a duration in the largest unit that divides it, from days down to seconds: "1 day", "36 hours",
     * "90 minutes", "90 seconds". A fraction of a second is rounded up, so that a short cooldown never reads "0".
     */
    static String durationInWords(Language language, Duration duration) {
        long seconds = duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0);
        if (seconds > 0 && seconds % (24 * 60 * 60) == 0) {
            return format(language, "duration.days", seconds / (24 * 60 * 60));
        }
        if (seconds > 0 && seconds % (60 * 60) == 0) {
            return format(language, "duration.hours", seconds / (60 * 60));
        }
        if (seconds > 0 && seconds % 60 == 0) {
            return format(language, "duration.minutes", seconds / 60);
        }
        return format(language, "duration.seconds", seconds);
    }

    private static Map<Language, Map<String, MessageFormat>> load() {
        Map<Language, Map<String, MessageFormat>> formats = new EnumMap<>(Language.class);
        formats.put(Language.EN, parse(ENGLISH_BUNDLE, LOCALES.get(Language.EN)));
        formats.put(Language.FR, parse(FRENCH_BUNDLE, LOCALES.get(Language.FR)));
        return formats;
    }

    private static Map<String, MessageFormat> parse(String bundle, Locale locale) {
        Properties messages = new Properties();
        try (InputStream in = ReasonMessages.class.getClassLoader().getResourceAsStream(bundle)) {
            if (in == null) {
                throw new IllegalStateException("the message bundle " + bundle + " is missing from the classpath");
            }
            messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException unreadable) {
            throw new UncheckedIOException("could not read the message bundle " + bundle, unreadable);
        }
        Map<String, MessageFormat> formats = new HashMap<>();
        for (String key : messages.stringPropertyNames()) {
            try {
                formats.put(key, new MessageFormat(messages.getProperty(key), locale));
            } catch (IllegalArgumentException invalid) {
                throw new IllegalStateException("invalid pattern for '" + key + "' in " + bundle + ": "
                        + invalid.getMessage(), invalid);
            }
        }
        return Map.copyOf(formats);
    }
}
