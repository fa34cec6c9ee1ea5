package io.solomo.decision.profile;

/** What a consent covers: marketing on one channel, or the use of the precise location. */
public enum ConsentPurpose {
    MARKETING, PRECISE_LOCATION
}
