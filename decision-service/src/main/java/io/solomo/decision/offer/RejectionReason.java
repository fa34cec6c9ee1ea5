package io.solomo.decision.offer;

/**
 * The reason the engine rejected a candidate, in one sentence in each language. Both start in lower case and have no final
 * stop, so that the why-not response can follow "because" or "parce que" with them.
 *
 * @param english the reason in English, stored as a candidate's {@code reason}
 * @param french  the reason in French, stored as its {@code reasonFr}
 */
record RejectionReason(String english, String french) {
}
