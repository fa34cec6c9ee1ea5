package io.solomo.decision.segment;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The segment definitions held in memory as an immutable snapshot, so that a decision finds the customer's segments
 * without a query. {@link SegmentSnapshotPoller} rebuilds the snapshot every {@code solomo.segments.refresh-interval},
 * which is how a change made on another node arrives. A change committed on this node is seen by the next read, which
 * rebuilds the snapshot first.
 */
@Component
public class SegmentCatalogue {

    /** Counts the segment changes committed on this node, so that a snapshot can tell it is out of date. */
    private static final AtomicLong localChanges = new AtomicLong();

    private final SegmentStore store;
    private volatile Snapshot snapshot;

    SegmentCatalogue(SegmentStore store) {
        this.store = store;
    }

    /**
     * Returns the ids of the segments that contain the profile at {@code now}, in id order. An erased profile is in
     * none.
     */
    public List<String> segmentsOf(SegmentProfile profile, Instant now) {
        if (profile.erased()) {
            return List.of();
        }
        List<String> segmentIds = new ArrayList<>();
        for (Segment segment : current().segments()) {
            if (segment.contains(profile, now)) {
                segmentIds.add(segment.segmentId());
            }
        }
        return List.copyOf(segmentIds);
    }

    /** Returns the segment with the id from the snapshot, or empty when no such segment exists. */
    public Optional<Segment> find(String segmentId) {
        return current().segments().stream()
                .filter(segment -> segment.segmentId().equals(segmentId))
                .findFirst();
    }

    /** Rebuilds the snapshot from the database, within the caller's transaction when there is one. */
    synchronized void refresh() {
        long changes = localChanges.get();
        snapshot = new Snapshot(List.copyOf(store.all()), changes);
    }

    private Snapshot current() {
        Snapshot current = snapshot;
        if (current == null || current.localChanges() != localChanges.get()) {
            synchronized (this) {
                if (snapshot == current) {
                    refresh();
                }
                current = snapshot;
            }
        }
        return current;
    }

    /**
     * Marks the snapshot out of date once the current transaction commits, or at once without a transaction. Every
     * writer of table {@code segment} on this node calls it.
     */
    public static void markChanged() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    localChanges.incrementAndGet();
                }
            });
        } else {
            localChanges.incrementAndGet();
        }
    }

    /** The segments by id order. */
    private record Snapshot(List<Segment> segments, long localChanges) {
    }
}
