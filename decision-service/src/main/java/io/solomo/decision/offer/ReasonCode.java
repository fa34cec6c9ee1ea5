package io.solomo.decision.offer;

import io.solomo.model.Language;

import java.util.Locale;

/**
 * A reason for which the offer engine rejects a candidate, worded by its message in
 * {@code i18n/reasons*.properties}. Each constant's comment lists the arguments of that message, in order.
 */
enum ReasonCode {
    /** Quiet hours start and end ({@code LocalTime}), customer's time zone. */
    QUIET_HOURS,
    /** The customer's own quiet hours start and end ({@code LocalTime}), their time zone. */
    OWN_QUIET_HOURS,
    /** Offers on the channel that day, channel. */
    DAILY_CAP,
    /** Offers on the channel that week, channel. */
    WEEKLY_CAP,
    /** Fatigue budget in offers a day. */
    FATIGUE_BUDGET,
    /** Offer id, cooldown ({@code Duration}). */
    COOLDOWN,
    /** Offer id. */
    REDEEMED,
    /** Offer id, volume limit in contacts over the offer's life. */
    VOLUME_TOTAL,
    /** Offer id, volume limit in contacts a day. */
    VOLUME_DAILY,
    /** Offer id, for a contact taken by a concurrent decision when the limit can no longer be read. */
    VOLUME_SPENT,
    /** Offer id. */
    NOT_IN_CATALOGUE,
    /** Offer id. */
    SWITCHED_OFF,
    /**
     * Offer id, valid from and valid to (each a {@code LocalDate}, or a {@code ZonedDateTime} when on the day of
     * contact), moment of contact ({@code ZonedDateTime}), all in the contact's time zone.
     */
    OUTSIDE_VALIDITY,
    /** Offer id, the one store it is for. */
    OTHER_STORE,
    /** Offer id, the chain it is for. */
    OTHER_CHAIN,
    /** No argument. */
    HOLDOUT,
    /** Priority of the candidate, priority of the one offer chosen. */
    RANKED_BELOW_ONE,
    /** Number of offers chosen, priority of the candidate, lowest priority among the offers chosen. */
    RANKED_BELOW_SEVERAL,
    /** Offer id, for an offer whose message names the store when the contact has none. */
    NEEDS_STORE,
    /** Offer id, store of the contact, for a local-only template without a local campaign running there. */
    LOCAL_ONLY,
    /** Offer id, for a local-only template when the contact has no store. */
    LOCAL_ONLY_AWAY;

    private final String key = "reason." + name().toLowerCase(Locale.ROOT).replace('_', '-');

    String key() {
        return key;
    }

    /** Words the reason in English and in French. */
    RejectionReason word(Object... args) {
        return new RejectionReason(ReasonMessages.format(Language.EN, key, args),
                ReasonMessages.format(Language.FR, key, args));
    }
}
