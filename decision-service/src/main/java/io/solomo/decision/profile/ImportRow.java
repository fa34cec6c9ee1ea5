package io.solomo.decision.profile;

import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.RequestFields;
import io.solomo.model.Channel;
import io.solomo.model.Language;
import io.solomo.model.LoyaltyTier;
import org.apache.commons.csv.CSVRecord;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One checked row of a customer CSV import. Blank cells mean "no change".
 *
 * @param row         the data row number, 1 for the first row after the header
 * @param consents    marketing consent per channel, from the {@code emailConsent}, {@code smsConsent} and
 *                    {@code pushConsent} columns
 */
record ImportRow(int row, List<IdentityKey> identities, String displayName, Language language, ZoneId timeZone,
                 LoyaltyTier loyaltyTier, List<Channel> channels, Map<Channel, ConsentStatus> consents) {

    /** Columns that name an identity; every row needs at least one of them. */
    static final Map<String, IdentityType> IDENTITY_COLUMNS = Map.of(
            "crmId", IdentityType.CRM_ID, "email", IdentityType.EMAIL, "phone", IdentityType.PHONE,
            "loyaltyCard", IdentityType.LOYALTY_CARD);
    static final Map<String, Channel> CONSENT_COLUMNS = Map.of(
            "emailConsent", Channel.EMAIL, "smsConsent", Channel.SMS, "pushConsent", Channel.PUSH);
    static final Set<String> OTHER_COLUMNS = Set.of("displayName", "language", "timeZone", "loyaltyTier",
            "channels");
    static final int MAX_NAME_LENGTH = 200;
    /** The order in which one of a row's identities is picked as its key: the CRM's own id first. */
    static final List<IdentityType> KEY_IDENTITY_ORDER = List.of(IdentityType.CRM_ID, IdentityType.LOYALTY_CARD,
            IdentityType.EMAIL, IdentityType.PHONE);

    /** Returns every column name the import reads. */
    static Set<String> knownColumns() {
        Set<String> columns = new LinkedHashSet<>(IDENTITY_COLUMNS.keySet());
        columns.addAll(OTHER_COLUMNS);
        columns.addAll(CONSENT_COLUMNS.keySet());
        return columns;
    }

    /**
     * Checks a CSV record.
     *
     * @throws InvalidFieldException naming the column and the value
     */
    static ImportRow read(int row, CSVRecord record, Set<String> header) {
        for (int extra = header.size(); extra < record.size(); extra++) {
            // Commons CSV maps no column to a cell beyond the header, so its value would be dropped unseen. Empty
            // trailing cells, as spreadsheets write them, lose nothing.
            if (!record.get(extra).isBlank()) {
                throw new InvalidFieldException("csv", record.get(extra), "the row has " + record.size()
                        + " cells but the header names " + header.size() + " columns, and cell " + (extra + 1)
                        + " contains '" + record.get(extra) + "'; put a value that contains a comma in double quotes, "
                        + "or remove the extra cells");
            }
        }
        List<IdentityKey> identities = new ArrayList<>();
        for (Map.Entry<String, IdentityType> column : IDENTITY_COLUMNS.entrySet()) {
            String value = cell(record, header, column.getKey());
            if (value != null) {
                try {
                    identities.add(IdentityKey.normalise(column.getValue(), value));
                } catch (IllegalArgumentException invalid) {
                    throw new InvalidFieldException(column.getKey(), value, invalid.getMessage());
                }
            }
        }
        if (identities.isEmpty()) {
            throw new InvalidFieldException("email", null,
                    "the row has no identity; fill at least one of " + IDENTITY_COLUMNS.keySet());
        }

        String displayName = cell(record, header, "displayName");
        if (displayName != null && displayName.length() > MAX_NAME_LENGTH) {
            throw new InvalidFieldException("displayName", displayName,
                    "displayName must have at most " + MAX_NAME_LENGTH + " characters");
        }
        return new ImportRow(row, identities, displayName, language(cell(record, header, "language")),
                timeZone(cell(record, header, "timeZone")), tier(cell(record, header, "loyaltyTier")),
                channels(cell(record, header, "channels")), consents(record, header));
    }

    /**
     * Returns the outcome of this row once it resolved to {@code customerId}. {@code matched} are the row's
     * identities that had a profile before the row: the row updated that profile unless there were none.
     */
    CustomerImportJobs.ImportedRow outcome(List<IdentityKey> matched, String customerId) {
        List<IdentityKey> candidates = matched.isEmpty() ? identities : matched;
        IdentityKey key = candidates.stream()
                .min(Comparator.comparingInt(identity -> KEY_IDENTITY_ORDER.indexOf(identity.type())))
                .orElseThrow();
        CustomerImportJobs.Outcome outcome = matched.isEmpty() ? CustomerImportJobs.Outcome.CREATED
                : CustomerImportJobs.Outcome.UPDATED;
        return new CustomerImportJobs.ImportedRow(row, key.type(), key.value(), customerId, outcome);
    }

    private static String cell(CSVRecord record, Set<String> header, String column) {
        if (!header.contains(column) || !record.isSet(column)) {
            return null;
        }
        String value = RequestFields.requireStorable(column, record.get(column).trim());
        return value.isEmpty() ? null : value;
    }

    private static Language language(String value) {
        if (value == null) {
            return null;
        }
        String code = value.toLowerCase(Locale.ROOT);
        if (!code.equals("fr") && !code.equals("en")) {
            throw new InvalidFieldException("language", value, "language must be fr or en");
        }
        return Language.fromCode(code);
    }

    private static ZoneId timeZone(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZoneId.of(value);
        } catch (DateTimeException invalid) {
            throw new InvalidFieldException("timeZone", value, "timeZone must be an IANA id such as Europe/Paris");
        }
    }

    private static LoyaltyTier tier(String value) {
        if (value == null) {
            return null;
        }
        try {
            return LoyaltyTier.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new InvalidFieldException("loyaltyTier", value, "loyaltyTier must be one of BRONZE, SILVER, "
                    + "GOLD, PLATINUM");
        }
    }

    /** Channels separated by {@code |}, most preferred first, such as {@code PUSH|EMAIL}. */
    private static List<Channel> channels(String value) {
        if (value == null) {
            return null;
        }
        Set<Channel> channels = new LinkedHashSet<>();
        for (String name : value.split("\\|")) {
            try {
                channels.add(Channel.parse(name));
            } catch (IllegalArgumentException unknown) {
                throw new InvalidFieldException("channels", value, "channels: " + unknown.getMessage()
                        + "; separate channels with |");
            }
        }
        return List.copyOf(channels);
    }

    private static Map<Channel, ConsentStatus> consents(CSVRecord record, Set<String> header) {
        Map<Channel, ConsentStatus> consents = new EnumMap<>(Channel.class);
        for (Map.Entry<String, Channel> column : CONSENT_COLUMNS.entrySet()) {
            String value = cell(record, header, column.getKey());
            if (value != null) {
                try {
                    consents.put(column.getValue(), ConsentStatus.valueOf(value.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException unknown) {
                    throw new InvalidFieldException(column.getKey(), value, column.getKey()
                            + " must be GRANTED, DENIED or WITHDRAWN");
                }
            }
        }
        return consents;
    }
}
