package io.solomo.decision.delivery;

/**
 * Where a delivery stands. {@code QUEUED} and {@code FAILED} wait in the outbox for a (next) attempt; {@code SENT}
 * means the provider accepted it; {@code DELIVERED}, {@code OPENED} and {@code CLICKED} come from provider receipts
 * and tracking links; {@code DEAD} failed for good and is in the dead-letter store; {@code SUPPRESSED} was not sent
 * because consent was withdrawn or no recipient address was left at send time.
 */
public enum DeliveryStatus {
    QUEUED, SENT, DELIVERED, OPENED, CLICKED, FAILED, DEAD, SUPPRESSED;

    /** Returns whether a receipt with this status may replace {@code current}; receipts only move forward. */
    boolean advances(DeliveryStatus current) {
        return switch (current) {
            case SENT -> this == DELIVERED || this == OPENED || this == CLICKED;
            case DELIVERED -> this == OPENED || this == CLICKED;
            case OPENED -> this == CLICKED;
            default -> false;
        };
    }
}
