package io.solomo.decision.delivery;

import io.solomo.model.Channel;
import io.solomo.model.Language;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The wording of an offer per channel and language ({@code offer_treatment}): a push title and body, a short SMS
 * text, an email subject and body. {@code {store}} in either is replaced by the store name.
 */
@Component
class OfferTreatments {

    private final JdbcTemplate jdbc;

    OfferTreatments(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Returns the treatment with the store filled in, or empty when the catalogue has none for this channel. */
    Optional<Treatment> find(String offerId, Channel channel, Language language, String storeName) {
        List<Treatment> found = jdbc.query(
                "select title, body from offer_treatment where offer_id = ? and channel = ? and language = ?",
                (row, index) -> new Treatment(fill(row.getString("title"), storeName), fill(row.getString("body"),
                        storeName)),
                offerId, channel.name(), language.code());
        return found.stream().findFirst();
    }

    private static String fill(String template, String storeName) {
        if (template == null) {
            return null;
        }
        return template.replace("{store}", storeName == null ? "" : storeName).strip();
    }

    /** A channel's wording: {@code title} is null where the channel has none (SMS). */
    record Treatment(String title, String body) {
    }
}
