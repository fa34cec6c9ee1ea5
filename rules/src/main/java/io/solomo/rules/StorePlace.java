package io.solomo.rules;

/**
 * A store known to the server, for the validation of offer rules: the run of the rules over sample contacts goes to
 * one store of each chain, and a decision table that names another store or chain gets a warning.
 *
 * @param storeId the store id, as {@code ContactContext.getStoreId()} returns it
 * @param chain   the store's chain, or null for a store without a known chain
 */
public record StorePlace(String storeId, String chain) {
}
