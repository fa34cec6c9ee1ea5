package io.solomo.decision.web;

/**
 * Thrown when a request would use a customer's data for a purpose the customer has not granted; answered as a 403
 * problem naming the customer and the purpose. Nothing is stored.
 */
public class ConsentMissingException extends RuntimeException {

    private final String customerId;
    private final String purpose;

    public ConsentMissingException(String customerId, String purpose) {
        super("customer " + customerId + " has not granted consent for " + purpose
                + "; record the consent before sending this data");
        this.customerId = customerId;
        this.purpose = purpose;
    }

    public String customerId() {
        return customerId;
    }

    public String purpose() {
        return purpose;
    }
}
