package io.solomo.decision;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Period;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Start-up checks of {@code solomo.*} settings that a type alone does not bound. Each failure is an
 * {@link InvalidConfigurationPropertyValueException}, which Spring Boot reports in its "APPLICATION FAILED TO START"
 * block with the setting, the value and the reason, in place of a stack trace. A short secret is a
 * {@link SecretTooShortException} instead, whose report leaves the value out.
 */
public final class SettingChecks {

    private SettingChecks() {
    }

    /** Returns the value, or rejects it when it is below the minimum. */
    public static int atLeast(String setting, int value, int minimum) {
        if (value < minimum) {
            throw new InvalidConfigurationPropertyValueException(setting, value,
                    setting + " must be at least " + minimum + ", got " + value);
        }
        return value;
    }

    /** Returns the value, or rejects it when it is negative or not a number. */
    public static double notNegative(String setting, double value) {
        if (!(value >= 0)) {
            throw new InvalidConfigurationPropertyValueException(setting, value,
                    setting + " must be 0 or more, got " + value);
        }
        return value;
    }

    /** Returns the value, or rejects it when it is zero or negative. */
    public static double positive(String setting, double value) {
        if (!(value > 0)) {
            throw new InvalidConfigurationPropertyValueException(setting, value,
                    setting + " must be positive, got " + value);
        }
        return value;
    }

    /** Returns the duration, or rejects it when it is missing, zero or negative. */
    public static Duration positive(String setting, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new InvalidConfigurationPropertyValueException(setting, value,
                    setting + " must be a positive duration such as PT30S, 5m or 7d, got " + value);
        }
        return value;
    }

    /** Returns the duration, or rejects it when it is missing or negative. */
    public static Duration notNegative(String setting, Duration value) {
        if (value == null || value.isNegative()) {
            throw new InvalidConfigurationPropertyValueException(setting, value,
                    setting + " must be a duration of 0 or more such as PT0S, 5m or 3d, got " + value);
        }
        return value;
    }

    /**
     * Returns the period, or null when the setting is empty, which turns off what it limits. Rejects a period of zero
     * or less.
     */
    public static Period positiveOrOff(String setting, Period value) {
        if (value != null && (value.isZero() || value.isNegative())) {
            throw new InvalidConfigurationPropertyValueException(setting, value, setting
                    + " must be a positive period such as P3M or P1Y, or empty to turn the rule off, got " + value);
        }
        return value;
    }

    /** Parses a time zone id, or rejects the setting when the id is unknown. */
    public static ZoneId zoneId(String setting, String value) {
        try {
            return ZoneId.of(value == null ? "" : value.trim());
        } catch (DateTimeException unknown) {
            throw new InvalidConfigurationPropertyValueException(setting, value, setting
                    + " must be a time zone id of the IANA database such as Europe/Paris, got '" + value + "'");
        }
    }

    /**
     * Parses the name of an enum constant, ignoring case, or rejects the setting with the names it accepts, in lower
     * case as the settings spell them.
     */
    public static <E extends Enum<E>> E oneOf(String setting, String value, Class<E> type) {
        String name = value == null ? "" : value.trim();
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(name)) {
                return constant;
            }
        }
        List<String> names = Arrays.stream(type.getEnumConstants())
                .map(constant -> constant.name().toLowerCase(Locale.ROOT)).toList();
        throw new InvalidConfigurationPropertyValueException(setting, value,
                setting + " must be one of " + String.join(", ", names) + ", got '" + value + "'");
    }

    /**
     * Returns a list of {@code host:port} addresses separated by commas, such as Kafka's bootstrap servers, without
     * spaces, or rejects it when it is empty or an address lacks its host or a port from 1 to 65535.
     */
    public static String hostPorts(String setting, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidConfigurationPropertyValueException(setting, value,
                    setting + " must list at least one host:port, such as broker-1:9092,broker-2:9092");
        }
        List<String> addresses = Arrays.stream(value.split(",")).map(String::trim).toList();
        for (String address : addresses) {
            int colon = address.lastIndexOf(':');
            int port = -1;
            if (colon > 0) {
                try {
                    port = Integer.parseInt(address.substring(colon + 1));
                } catch (NumberFormatException notNumber) {
                    port = -1;
                }
            }
            if (port < 1 || port > 65_535) {
                throw new InvalidConfigurationPropertyValueException(setting, value, setting + " must list host:port "
                        + "addresses with a port from 1 to 65535, separated by commas; '" + address + "' is not one");
            }
        }
        return String.join(",", addresses);
    }

    /**
     * Returns a Kafka topic name, or rejects it unless it has 1 to 249 letters, digits, dots, underscores or hyphens
     * and is neither {@code .} nor {@code ..}, the rule of Kafka's own topic validation.
     */
    public static String kafkaTopic(String setting, String value) {
        if (value == null || !value.matches("[a-zA-Z0-9._-]{1,249}") || value.equals(".") || value.equals("..")) {
            throw new InvalidConfigurationPropertyValueException(setting, value, setting + " must be a Kafka topic "
                    + "name of 1 to 249 letters, digits, dots, underscores or hyphens, got '" + value + "'");
        }
        return value;
    }

    /**
     * Returns a signing secret, or rejects the setting when it has fewer than 16 characters. The failure names the
     * setting and the secret's length only, so that a real key never reaches the log.
     */
    public static String secret(String setting, String value) {
        int length = value == null ? 0 : value.length();
        if (length < SecretTooShortException.MINIMUM_LENGTH) {
            throw new SecretTooShortException(setting, length);
        }
        return value;
    }
}
