package io.solomo.decision.delivery;

import io.solomo.model.Channel;
import io.solomo.model.Language;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The wording of an offer per channel and language ({@code offer_treatment}): a push title and body, a short SMS
 * text, an email subject and body. {@code {store}} in either is replaced by the store name.
 *
 * <p>The table is held in memory as an immutable snapshot, so that a decision words its offers without a query.
 * The offer engine's snapshot poller rebuilds it with the offer catalogue every
 * {@code solomo.offers.refresh-interval}, which is how a change made on another node or in SQL arrives. A change
 * written through {@link #replace} on this node is seen by the next read after its commit, which rebuilds the
 * snapshot first.
 */
@Component
public class OfferTreatments {

    /** Counts the treatment changes committed on this node, so that a snapshot can tell it is out of date. */
    private final AtomicLong localChanges = new AtomicLong();

    private final JdbcTemplate jdbc;
    private volatile Snapshot snapshot;

    OfferTreatments(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Returns the wording that a delivery of this offer on this channel sends: the channel's treatment with the
     * store filled in, else the offer's general message without a title. French text gets French typography.
     *
     * @param storeName      the name that fills {@code {store}}, or null to leave it empty
     * @param generalMessage the offer's message in this language, used when the channel has no treatment
     */
    public Treatment wordingOf(String offerId, Channel channel, Language language, String storeName,
                               String generalMessage) {
        Treatment template = current().treatments().get(new Key(offerId, channel.name(), language.code()));
        if (template == null) {
            return new Treatment(null, FrenchTypography.typeset(generalMessage, language));
        }
        return new Treatment(FrenchTypography.typeset(fill(template.title(), storeName), language),
                FrenchTypography.typeset(fill(template.body(), storeName), language));
    }

    /** Returns the stored treatments of an offer, read from the database, ordered by channel and language. */
    public List<StoredTreatment> storedFor(String offerId) {
        List<StoredTreatment> stored = new ArrayList<>();
        jdbc.query("select channel, language, title, body from offer_treatment where offer_id = ?", row -> {
            stored.add(new StoredTreatment(Channel.valueOf(row.getString("channel")),
                    Language.fromCode(row.getString("language")), row.getString("title"), row.getString("body")));
        }, offerId);
        stored.sort(StoredTreatment.ORDER);
        return stored;
    }

    /**
     * Replaces every treatment of an offer in the caller's transaction. Decisions on this node use the new wording
     * once that transaction commits.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void replace(String offerId, List<StoredTreatment> treatments) {
        jdbc.update("delete from offer_treatment where offer_id = ?", offerId);
        for (StoredTreatment treatment : treatments) {
            jdbc.update("insert into offer_treatment (offer_id, channel, language, title, body) values (?, ?, ?, ?, ?)",
                    offerId, treatment.channel().name(), treatment.language().code(), treatment.title(),
                    treatment.body());
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                localChanges.incrementAndGet();
            }
        });
    }

    /** Rebuilds the snapshot from the database, within the caller's transaction when there is one. */
    public synchronized void refresh() {
        long changes = localChanges.get();
        Map<Key, Treatment> loaded = new HashMap<>();
        jdbc.query("select offer_id, channel, language, title, body from offer_treatment", row -> {
            loaded.put(new Key(row.getString("offer_id"), row.getString("channel"), row.getString("language")),
                    new Treatment(row.getString("title"), row.getString("body")));
        });
        snapshot = new Snapshot(Map.copyOf(loaded), changes);
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

    private static String fill(String template, String storeName) {
        if (template == null) {
            return null;
        }
        return template.replace("{store}", storeName == null ? "" : storeName).strip();
    }

    /** A channel's wording: {@code title} is null where the channel has none (SMS). */
    public record Treatment(String title, String body) {
    }

    /** A row of {@code offer_treatment} for one offer: {@code title} is null where the channel has none. */
    public record StoredTreatment(Channel channel, Language language, String title, String body) {

        /** Orders treatments by channel, then language. */
        public static final Comparator<StoredTreatment> ORDER = Comparator
                .comparing(StoredTreatment::channel).thenComparing(StoredTreatment::language);
    }

    private record Snapshot(Map<Key, Treatment> treatments, long localChanges) {
    }

    /** The primary key of {@code offer_treatment}, with the channel and language as stored. */
    private record Key(String offerId, String channel, String language) {
    }
}
