package io.solomo.model.decision;

/** Thrown when a request names a customer id that no profile has. */
public class UnknownCustomerException extends RuntimeException {

    private final String customerId;

    public UnknownCustomerException(String customerId) {
        super("no customer with id '" + customerId + "'");
        this.customerId = customerId;
    }

    public String customerId() {
        return customerId;
    }
}
