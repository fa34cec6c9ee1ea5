package io.solomo.decision.store;

import java.util.List;

/**
 * The outcome of a store import: how many features became stores and why each of the others was rejected.
 *
 * @param imported number of stores created or updated
 * @param rejected one entry per rejected feature, with its zero-based index in the FeatureCollection
 */
public record StoreImportReport(int imported, List<Rejection> rejected) {

    public StoreImportReport {
        rejected = List.copyOf(rejected);
    }

    /** A feature that was not imported, by its index in {@code features}, and the reason. */
    public record Rejection(int index, String reason) {
    }
}
