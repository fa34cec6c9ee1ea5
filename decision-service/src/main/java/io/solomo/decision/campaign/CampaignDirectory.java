package io.solomo.decision.campaign;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lists the campaigns for marketers, with their offers and the counts of their links and scans. Marketers create
 * campaigns and offers with the offer catalogue API ({@code POST /api/v1/campaigns}, {@code POST /api/v1/offers}).
 */
@Service
class CampaignDirectory {

    private final JdbcTemplate jdbc;

    CampaignDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Returns every campaign ordered by id, each with its offers ordered by offer id. */
    @Transactional(readOnly = true)
    List<CampaignView> campaigns() {
        Map<String, List<OfferView>> offers = new LinkedHashMap<>();
        jdbc.query("select offer_id, campaign_id, active, valid_from, valid_to from offer order by offer_id",
                (RowCallbackHandler) row -> offers.computeIfAbsent(row.getString("campaign_id"),
                                campaignId -> new ArrayList<>())
                        .add(new OfferView(row.getString("offer_id"), row.getBoolean("active"),
                                instant(row, "valid_from"), instant(row, "valid_to"))));
        return jdbc.query("""
                        select c.campaign_id, c.name_fr, c.name_en,
                               (select count(*) from campaign_link l where l.campaign_id = c.campaign_id) as links,
                               (select count(*) from campaign_scan s where s.campaign_id = c.campaign_id) as scans
                        from campaign c
                        order by c.campaign_id""",
                (row, rowNumber) -> new CampaignView(row.getString("campaign_id"), row.getString("name_fr"),
                        row.getString("name_en"), offers.getOrDefault(row.getString("campaign_id"), List.of()),
                        row.getLong("links"), row.getLong("scans")));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /**
     * A campaign with its French and English names, its offers, and the counts of its links
     * ({@code GET /api/v1/campaigns/{campaignId}/links}) and of their scans.
     */
    record CampaignView(String campaignId, String nameFr, String nameEn, List<OfferView> offers, long linkCount,
                        long scanCount) {
    }

    /** An offer of a campaign: whether it is active, and the period in which it may be made. */
    record OfferView(String offerId, boolean active, Instant validFrom, Instant validTo) {
    }
}
