package io.solomo.decision.delivery;

import io.solomo.model.Channel;
import io.solomo.model.Language;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/**
 * The wording of an offer per channel and language ({@code offer_treatment}): a push title and body, a short SMS
 * text, an email subject and body. {@code {store}} in either is replaced by the store name.
 *
 * <p>The table is held in memory as an immutable snapshot, so that a decision words its offers without a query.
 * The offer engine's snapshot poller rebuilds it with the offer catalogue every
 * {@code solomo.offers.refresh-interval}. No code of this service writes the table (Flyway migrations fill it), so
 * a change made in SQL reaches a node within that interval, or at its next start when reloading is off.
 */
@Component
public class OfferTreatments {

    private final JdbcTemplate jdbc;
    private volatile Map<Key, Treatment> snapshot;

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
        Treatment template = current().get(new Key(offerId, channel.name(), language.code()));
        if (template == null) {
            return new Treatment(null, FrenchTypography.typeset(generalMessage, language));
        }
        return new Treatment(FrenchTypography.typeset(fill(template.title(), storeName), language),
                FrenchTypography.typeset(fill(template.body(), storeName), language));
    }

    /** Rebuilds the snapshot from the database, within the caller's transaction when there is one. */
    public void refresh() {
        Map<Key, Treatment> loaded = new HashMap<>();
        jdbc.query("select offer_id, channel, language, title, body from offer_treatment", row -> {
            loaded.put(new Key(row.getString("offer_id"), row.getString("channel"), row.getString("language")),
                    new Treatment(row.getString("title"), row.getString("body")));
        });
        snapshot = Map.copyOf(loaded);
    }

    private Map<Key, Treatment> current() {
        Map<Key, Treatment> current = snapshot;
        if (current == null) {
            synchronized (this) {
                if (snapshot == null) {
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

    /** The primary key of {@code offer_treatment}, with the channel and language as stored. */
    private record Key(String offerId, String channel, String language) {
    }
}
