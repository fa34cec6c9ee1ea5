package io.solomo.model.loyalty;

import java.util.Objects;

/**
 * Something a customer did that may earn loyalty points; the loyalty rules decide how many.
 *
 * <p>{@code reference} identifies the thing acted on (a purchase, a shared offer, a visit), so that one action on
 * one reference earns points once. {@code amountEuros} is the purchase amount for {@link Type#PURCHASE}, else 0.
 */
public final class LoyaltyAction {

    /** Kinds of actions the loyalty programme knows. */
    public enum Type {
        PURCHASE, REVIEW_APPROVED, SOCIAL_SHARE, REFERRAL_REDEEMED, STORE_VISIT
    }

    private final String customerId;
    private final Type type;
    private final String reference;
    private final double amountEuros;

    public LoyaltyAction(String customerId, Type type, String reference, double amountEuros) {
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("reference is missing for a " + type + " action");
        }
        if (amountEuros < 0) {
            throw new IllegalArgumentException("amountEuros must not be negative, got " + amountEuros);
        }
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.type = Objects.requireNonNull(type, "type");
        this.reference = reference;
        this.amountEuros = amountEuros;
    }

    public String getCustomerId() {
        return customerId;
    }

    public Type getType() {
        return type;
    }

    public String getReference() {
        return reference;
    }

    public double getAmountEuros() {
        return amountEuros;
    }

    @Override
    public String toString() {
        return "LoyaltyAction[" + type + " " + reference + " by " + customerId + "]";
    }
}
