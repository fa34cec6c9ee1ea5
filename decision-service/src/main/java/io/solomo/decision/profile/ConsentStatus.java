package io.solomo.decision.profile;

/** The state of one consent; only {@code GRANTED} allows use. */
public enum ConsentStatus {
    GRANTED, DENIED, WITHDRAWN
}
