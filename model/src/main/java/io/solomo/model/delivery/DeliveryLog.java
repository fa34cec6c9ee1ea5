package io.solomo.model.delivery;

/** Stores deliveries so that customers' contact history can be listed. */
public interface DeliveryLog {

    /**
     * Records that an order was handed to its channel and returns the delivery id.
     *
     * @param status the delivery status, for example {@code SENT}
     */
    String record(DeliveryOrder order, String status);
}
