package io.solomo.decision.offer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * The volume counters of offers with a limit, in all and per day of the brand's time zone
 * ({@code solomo.default-time-zone}), kept in the shared database. A decision takes
 * one contact from a counter with a conditional update ({@code contacts < limit}), so that two nodes choosing the
 * same offer at once cannot both take its last contact: the second update waits for the first transaction and then
 * matches no row.
 *
 * <p>A counter row is created, from the {@code contact} table, the first time its offer is checked with a limit.
 * NOTE: a counter counts only contacts made while its offer had a limit, except those before its creation. An offer
 * whose limit is removed and set again keeps counting from its old counter, without the contacts made in between.
 */
@Component
class OfferVolumes {

    private final JdbcTemplate jdbc;
    private final ZoneId brandZone;

    /**
     * @param brandZone the time zone whose days the daily limits count. Every node needs the same one, because the
     *                  nodes share the counters.
     */
    OfferVolumes(JdbcTemplate jdbc, @Value("${solomo.default-time-zone:Europe/Paris}") ZoneId brandZone) {
        this.jdbc = jdbc;
        this.brandZone = brandZone;
    }

    /** Returns how many contacts the offer has had in all. */
    @Transactional(propagation = Propagation.MANDATORY)
    long usedInAll(String offerId) {
        List<Long> counted = jdbc.queryForList("select contacts from offer_volume_total where offer_id = ?",
                Long.class, offerId);
        if (!counted.isEmpty()) {
            return counted.get(0);
        }
        return jdbc.queryForObject("select count(*) from contact where offer_id = ?", Long.class, offerId);
    }

    /** Returns how many contacts the offer has had on the brand's day of {@code at}. */
    @Transactional(propagation = Propagation.MANDATORY)
    long usedOnDay(String offerId, Instant at) {
        LocalDate day = at.atZone(brandZone).toLocalDate();
        List<Long> counted = jdbc.queryForList(
                "select contacts from offer_volume_day where offer_id = ? and contact_day = ?", Long.class, offerId,
                Date.valueOf(day));
        if (!counted.isEmpty()) {
            return counted.get(0);
        }
        return countContacts(offerId, day);
    }

    /**
     * Takes one contact from the offer's limits at {@code at} in the caller's transaction, and returns false,
     * taking nothing, when a limit is reached. An offer without limits always returns true and counts nothing.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean take(Offer offer, Instant at) {
        String offerId = offer.offerId();
        if (offer.maxTotal() != null && !takeFromTotal(offerId, offer.maxTotal())) {
            return false;
        }
        if (offer.maxPerDay() != null && !takeFromDay(offerId, at.atZone(brandZone).toLocalDate(),
                offer.maxPerDay())) {
            if (offer.maxTotal() != null) {
                jdbc.update("update offer_volume_total set contacts = contacts - 1 where offer_id = ?", offerId);
            }
            return false;
        }
        return true;
    }

    private boolean takeFromTotal(String offerId, int limit) {
        String take = "update offer_volume_total set contacts = contacts + 1 where offer_id = ? and contacts < ?";
        if (jdbc.update(take, offerId, limit) == 1) {
            return true;
        }
        createCounter("""
                insert into offer_volume_total (offer_id, contacts)
                select ?, count(*) from contact where offer_id = ?
                having not exists (select 1 from offer_volume_total where offer_id = ?)""",
                offerId, offerId, offerId);
        return jdbc.update(take, offerId, limit) == 1;
    }

    private boolean takeFromDay(String offerId, LocalDate day, int limit) {
        String take = "update offer_volume_day set contacts = contacts + 1 "
                + "where offer_id = ? and contact_day = ? and contacts < ?";
        if (jdbc.update(take, offerId, Date.valueOf(day), limit) == 1) {
            return true;
        }
        createCounter("""
                insert into offer_volume_day (offer_id, contact_day, contacts)
                select ?, ?, count(*) from contact where offer_id = ? and contacted_at >= ? and contacted_at < ?
                having not exists (select 1 from offer_volume_day where offer_id = ? and contact_day = ?)""",
                offerId, Date.valueOf(day), offerId, startOf(day), startOf(day.plusDays(1)), offerId,
                Date.valueOf(day));
        return jdbc.update(take, offerId, Date.valueOf(day), limit) == 1;
    }

    /**
     * Creates a counter row unless one exists. A row created at the same moment by another transaction makes the
     * insert fail on the primary key. PostgreSQL would then abort the decision's transaction, so the insert runs
     * within a savepoint.
     */
    private void createCounter(String insert, Object... arguments) {
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            Savepoint savepoint = connection.setSavepoint();
            try {
                jdbc.update(insert, arguments);
                connection.releaseSavepoint(savepoint);
            } catch (DuplicateKeyException createdConcurrently) {
                connection.rollback(savepoint);
            }
            return null;
        });
    }

    private long countContacts(String offerId, LocalDate day) {
        return jdbc.queryForObject(
                "select count(*) from contact where offer_id = ? and contacted_at >= ? and contacted_at < ?",
                Long.class, offerId, startOf(day), startOf(day.plusDays(1)));
    }

    /** Returns the first instant of the brand's day, which a change of clocks may move off midnight. */
    private OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay(brandZone).toOffsetDateTime();
    }
}
