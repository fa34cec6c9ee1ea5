package io.solomo.decision.store;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;

/** Stores by store id. */
public interface StoreRepository extends JpaRepository<Store, String> {

    /**
     * Returns the number of stores and the latest import time. Stores change only by import, which stamps the
     * rows it writes with the importing node's clock, and by deletion, which lowers the count.
     *
     * <p>NOTE: a re-import on a node whose clock lags behind the latest import elsewhere leaves both figures as they
     * were, and other nodes then miss it until the next import or deletion.
     */
    @Query("select new io.solomo.decision.store.StoreRepository$Version(count(s), max(s.importedAt)) from Store s")
    Version version();

    /** The number of stores and the latest import time, compared to tell whether stores changed. */
    record Version(long stores, Instant lastImport) {
    }
}
