package io.solomo.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A contact channel on which an offer can reach a customer. */
public enum Channel {
    PUSH, SMS, EMAIL, WEBHOOK, IN_APP;

    /**
     * Parses a channel name case-insensitively.
     *
     * @throws IllegalArgumentException naming the value and the accepted names when it matches no channel
     */
    public static Channel parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("channel is missing; expected one of " + names());
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("unknown channel '" + value + "'; expected one of " + names(), unknown);
        }
    }

    /** Lists the accepted names, comma separated, for error messages. */
    public static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
