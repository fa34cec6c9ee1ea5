package io.solomo.decision.profile;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A normalised identity: emails trimmed and lower-cased, phone numbers in E.164 (France when the number has no
 * country code), other identifiers trimmed.
 */
public record IdentityKey(IdentityType type, String value) {

    static final int MAX_LENGTH = 320;
    static final String DEFAULT_PHONE_REGION = "FR";
    /**
     * The overseas departments and collectivities that dial like France, with trunk prefix 0 and ten digits, but
     * under their own country codes: 0692 is a mobile in Réunion (+262), 0690 in Guadeloupe (+590). Their ranges are
     * not valid in France's plan, and regions that share a range share its country code, so the first region that
     * accepts a national number gives its only E.164 form.
     */
    private static final List<String> FRENCH_OVERSEAS_REGIONS = List.of("RE", "YT", "GP", "MQ", "GF", "PM", "BL",
            "MF");

    /** Local part, one at sign, a domain with at least one dot; no spaces. Deliverability is not checked. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    public IdentityKey {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    /**
     * Normalises a raw identity.
     *
     * @throws IllegalArgumentException saying why the value is invalid for its type
     */
    public static IdentityKey normalise(IdentityType type, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("the " + type + " value is missing");
        }
        String trimmed = raw.trim();
        String value = switch (type) {
            case EMAIL -> email(trimmed);
            case PHONE -> phone(trimmed);
            default -> trimmed;
        };
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a " + type + " must have at most " + MAX_LENGTH + " characters");
        }
        return new IdentityKey(type, value);
    }

    private static String email(String trimmed) {
        String email = trimmed.toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(email).matches()) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a valid email address");
        }
        return email;
    }

    private static String phone(String trimmed) {
        try {
            Phonenumber.PhoneNumber number = PHONES.parse(trimmed, DEFAULT_PHONE_REGION);
            if (!PHONES.isValidNumber(number)) {
                number = overseasNumber(trimmed).orElseThrow(() -> new IllegalArgumentException(
                        "'" + trimmed + "' is not a valid phone number"));
            }
            return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException unparsable) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a phone number: "
                    + unparsable.getMessage(), unparsable);
        }
    }

    /** Returns the number read in the French overseas region where it is valid, for a number without country code. */
    private static Optional<Phonenumber.PhoneNumber> overseasNumber(String trimmed) throws NumberParseException {
        for (String region : FRENCH_OVERSEAS_REGIONS) {
            Phonenumber.PhoneNumber number = PHONES.parse(trimmed, region);
            if (PHONES.isValidNumberForRegion(number, region)) {
                return Optional.of(number);
            }
        }
        return Optional.empty();
    }
}
