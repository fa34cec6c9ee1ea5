package io.solomo.decision.ruleset;

/** Whether a version passed validation and its scenarios, and so may be activated. */
enum VersionStatus {
    VALID,
    INVALID
}
