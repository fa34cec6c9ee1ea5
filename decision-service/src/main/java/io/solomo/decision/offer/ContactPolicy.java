package io.solomo.decision.offer;

import io.solomo.decision.profile.DecisionProfiles.DecisionProfile;
import io.solomo.model.Channel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The contact policy: how often a customer may be contacted, when, and with which offers again. Rules decide what is
 * eligible; the policy decides what may go out now. Every check returns the reason in English and French, or null
 * when the contact may go ahead.
 *
 * <p>Contacts are counted from the {@code contact} table, which has one row per offer presented. Reading them locks
 * the customer's row until the decision commits, so decisions for one customer run one after another, on one node or
 * several, and each counts the contacts of the one before. Volume limits are exact across nodes
 * ({@link OfferVolumes}).
 */
@Component
class ContactPolicy {

    private final PolicySettings settings;
    private final ContactRepository contacts;
    private final JdbcTemplate jdbc;
    private final OfferVolumes volumes;

    ContactPolicy(PolicySettings settings, ContactRepository contacts, JdbcTemplate jdbc, OfferVolumes volumes) {
        this.settings = settings;
        this.contacts = contacts;
        this.jdbc = jdbc;
        this.volumes = volumes;
    }

    /** Returns true when the customer belongs to the holdout group, which receives nothing. */
    boolean inHoldout(String customerId) {
        if (settings.holdoutPercent() <= 0) {
            return false;
        }
        CRC32 hash = new CRC32();
        hash.update(("holdout:" + customerId).getBytes(StandardCharsets.UTF_8));
        return hash.getValue() % 10_000 < Math.round(settings.holdoutPercent() * 100);
    }

    /**
     * Reads what the policy needs to know of one customer at one moment: the contacts of the surrounding week and
     * of the default cooldown, and the offers already redeemed. A decision reads it once and checks every candidate
     * against it. Must run in the decision's transaction, which keeps the customer's row locked until it commits.
     */
    CustomerContacts contactsOf(DecisionProfile profile, Instant at) {
        String customerId = profile.facts().getCustomerId();
        // Without the lock, two decisions at once would both count the contacts before either is written, and both
        // pass a cap or a cooldown that only one of them should.
        jdbc.queryForList("select customer_id from customer where customer_id = ? for update", String.class,
                customerId);
        ZoneId timeZone = profile.timeZone();
        LocalDate day = at.atZone(timeZone).toLocalDate();
        LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Instant weekStart = monday.atStartOfDay(timeZone).toInstant();
        Instant weekEnd = monday.plusWeeks(1).atStartOfDay(timeZone).toInstant();
        Instant cooldownStart = at.minus(settings.defaultCooldown());
        Instant from = cooldownStart.isBefore(weekStart) ? cooldownStart : weekStart;
        Instant to = weekEnd.isAfter(at) ? weekEnd : at.plusNanos(1);

        List<PastContact> past = new ArrayList<>();
        Set<String> redeemed = new HashSet<>();
        // One round trip reads both: the contacts with from <= contacted_at < to, then the offers of the customer's
        // redeemed coupons, which are the rows with a null channel.
        jdbc.query("""
                select offer_id, channel, contacted_at from contact
                where customer_id = ? and contacted_at >= ? and contacted_at < ?
                union all
                select offer_id, cast(null as varchar(20)), cast(null as timestamp with time zone) from coupon
                where customer_id = ? and redeemed_at is not null""", row -> {
            String channel = row.getString(2);
            if (channel == null) {
                redeemed.add(row.getString(1));
            } else {
                past.add(new PastContact(row.getString(1), Channel.valueOf(channel),
                        row.getObject(3, OffsetDateTime.class).toInstant()));
            }
        }, customerId, utc(from), utc(to), customerId);
        return new CustomerContacts(customerId, timeZone, profile.quietHoursStart(), profile.quietHoursEnd(), at, from,
                past, redeemed);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** One customer's recent contacts and redemptions, with the checks that use them. */
    final class CustomerContacts {

        private final String customerId;
        private final ZoneId timeZone;
        private final LocalTime ownQuietHoursStart;
        private final LocalTime ownQuietHoursEnd;
        private final Instant at;
        private final Instant readFrom;
        private final List<PastContact> past;
        private final Set<String> redeemed;

        private CustomerContacts(String customerId, ZoneId timeZone, LocalTime ownQuietHoursStart,
                                 LocalTime ownQuietHoursEnd, Instant at, Instant readFrom,
                                 List<PastContact> past, Set<String> redeemed) {
            this.customerId = customerId;
            this.timeZone = timeZone;
            this.ownQuietHoursStart = ownQuietHoursStart;
            this.ownQuietHoursEnd = ownQuietHoursEnd;
            this.at = at;
            this.readFrom = readFrom;
            this.past = past;
            this.redeemed = redeemed;
        }

        /**
         * Returns how many more offers the customer may receive on the channel at this moment (0 or more), with the
         * reason when it is 0.
         */
        Allowance allowance(Channel channel) {
            LocalTime localTime = at.atZone(timeZone).toLocalTime();
            if (isInterrupting(channel) && settings.hasQuietHours()
                    && inQuietHours(localTime, settings.quietHoursStart(), settings.quietHoursEnd())) {
                return Allowance.none(ReasonCode.QUIET_HOURS.word(settings.quietHoursStart(),
                        settings.quietHoursEnd(), timeZone));
            }
            if (isInterrupting(channel) && ownQuietHoursStart != null && ownQuietHoursEnd != null
                    && inQuietHours(localTime, ownQuietHoursStart, ownQuietHoursEnd)) {
                return Allowance.none(ReasonCode.OWN_QUIET_HOURS.word(ownQuietHoursStart, ownQuietHoursEnd,
                        timeZone));
            }

            LocalDate day = at.atZone(timeZone).toLocalDate();
            Instant dayStart = day.atStartOfDay(timeZone).toInstant();
            Instant dayEnd = day.plusDays(1).atStartOfDay(timeZone).toInstant();
            LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            Instant weekStart = monday.atStartOfDay(timeZone).toInstant();
            Instant weekEnd = monday.plusWeeks(1).atStartOfDay(timeZone).toInstant();
            long today = 0;
            long thisWeek = 0;
            long allChannelsToday = 0;
            for (PastContact contact : past) {
                boolean sameDay = within(contact.contactedAt(), dayStart, dayEnd);
                if (contact.channel() == channel && sameDay) {
                    today++;
                }
                if (contact.channel() == channel && within(contact.contactedAt(), weekStart, weekEnd)) {
                    thisWeek++;
                }
                if (sameDay) {
                    allChannelsToday++;
                }
            }

            long leftToday = settings.maxPerChannelPerDay() - today;
            if (leftToday <= 0) {
                return Allowance.none(ReasonCode.DAILY_CAP.word(today, channel));
            }
            long leftThisWeek = settings.maxPerChannelPerWeek() - thisWeek;
            if (leftThisWeek <= 0) {
                return Allowance.none(ReasonCode.WEEKLY_CAP.word(thisWeek, channel));
            }
            long leftInBudget = settings.fatigueBudgetPerDay() - allChannelsToday;
            if (leftInBudget <= 0) {
                return Allowance.none(ReasonCode.FATIGUE_BUDGET.word(settings.fatigueBudgetPerDay()));
            }
            return new Allowance((int) Math.min(leftToday, Math.min(leftThisWeek, leftInBudget)), null);
        }

        /** Returns why this offer may not go to this customer now (cooldown, redemption, volume limits), or null. */
        RejectionReason offerRejection(Offer offer) {
            Duration cooldown = offer.cooldownMinutes() != null
                    ? Duration.ofMinutes(offer.cooldownMinutes()) : settings.defaultCooldown();
            if (!cooldown.isZero() && offeredSince(offer.offerId(), at.minus(cooldown))) {
                return ReasonCode.COOLDOWN.word(offer.offerId(), cooldown);
            }
            if (redeemed.contains(offer.offerId())) {
                return ReasonCode.REDEEMED.word(offer.offerId());
            }
            return volumeRejection(offer, at);
        }

        /** Returns true when the offer was presented after {@code since} and no later than now. */
        private boolean offeredSince(String offerId, Instant since) {
            if (since.isBefore(readFrom)) {
                // A cooldown longer than the contacts read: ask the database.
                return contacts.existsByCustomerIdAndOfferIdAndContactedAtGreaterThanAndContactedAtLessThanEqual(
                        customerId, offerId, since, at);
            }
            for (PastContact contact : past) {
                if (contact.offerId().equals(offerId) && contact.contactedAt().isAfter(since)
                        && !contact.contactedAt().isAfter(at)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean within(Instant instant, Instant start, Instant end) {
            return !instant.isBefore(start) && instant.isBefore(end);
        }
    }

    /**
     * Returns why the offer's volume limits forbid one more contact at {@code at}, or null. The check only reads
     * the counters; {@link OfferVolumes#take} then takes the contact atomically when the offer is chosen.
     */
    RejectionReason volumeRejection(Offer offer, Instant at) {
        if (offer.maxTotal() != null && volumes.usedInAll(offer.offerId()) >= offer.maxTotal()) {
            return ReasonCode.VOLUME_TOTAL.word(offer.offerId(), offer.maxTotal());
        }
        if (offer.maxPerDay() != null && volumes.usedOnDay(offer.offerId(), at) >= offer.maxPerDay()) {
            return ReasonCode.VOLUME_DAILY.word(offer.offerId(), offer.maxPerDay());
        }
        return null;
    }

    /** Push and SMS interrupt the customer; email, webhooks and in-app offers wait until they are read. */
    private static boolean isInterrupting(Channel channel) {
        return channel == Channel.PUSH || channel == Channel.SMS;
    }

    /** Returns whether a local time falls within quiet hours, which span midnight when the end comes first. */
    private static boolean inQuietHours(LocalTime localTime, LocalTime start, LocalTime end) {
        if (start.isBefore(end)) {
            return !localTime.isBefore(start) && localTime.isBefore(end);
        }
        return !localTime.isBefore(start) || localTime.isBefore(end);
    }

    /** How many offers may still go out, and why none may when {@code remaining} is 0. */
    record Allowance(int remaining, RejectionReason reason) {
        static Allowance none(RejectionReason reason) {
            return new Allowance(0, reason);
        }
    }
}
