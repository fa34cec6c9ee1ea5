package io.solomo.decision.offer;

import io.solomo.decision.coupon.CouponIssuer;
import io.solomo.model.Channel;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.zip.CRC32;

/**
 * The contact policy: how often a customer may be contacted, when, and with which offers again. Rules decide what is
 * eligible; the policy decides what may go out now. Every check returns the reason in one sentence, or null when
 * the contact may go ahead.
 *
 * <p>Contacts are counted from the {@code contact} table, which holds one row per offer presented. Two decisions for
 * one customer at the same instant may both pass a cap that only one of them should.
 * NOTE: caps and volume limits are checked, not reserved; a per-customer lock would make them exact.
 */
@Component
class ContactPolicy {

    private final PolicySettings settings;
    private final ContactRepository contacts;
    private final CouponIssuer coupons;

    ContactPolicy(PolicySettings settings, ContactRepository contacts, CouponIssuer coupons) {
        this.settings = settings;
        this.contacts = contacts;
        this.coupons = coupons;
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
     * Returns how many more offers the customer may receive on the channel at this moment (0 or more), with the reason
     * when it is 0.
     */
    Allowance allowance(String customerId, ZoneId timeZone, Channel channel, Instant at) {
        if (isInterrupting(channel) && inQuietHours(at.atZone(timeZone).toLocalTime())) {
            return Allowance.none("it is within the quiet hours " + settings.quietHoursStart() + " to "
                    + settings.quietHoursEnd() + " in the customer's time zone " + timeZone);
        }

        LocalDate day = at.atZone(timeZone).toLocalDate();
        Instant dayStart = day.atStartOfDay(timeZone).toInstant();
        Instant dayEnd = day.plusDays(1).atStartOfDay(timeZone).toInstant();
        LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Instant weekStart = monday.atStartOfDay(timeZone).toInstant();
        Instant weekEnd = monday.plusWeeks(1).atStartOfDay(timeZone).toInstant();

        long today = contacts.countByCustomerIdAndChannelAndContactedAtGreaterThanEqualAndContactedAtLessThan(
                customerId, channel, dayStart, dayEnd);
        long thisWeek = contacts.countByCustomerIdAndChannelAndContactedAtGreaterThanEqualAndContactedAtLessThan(
                customerId, channel, weekStart, weekEnd);
        long allChannelsToday = contacts.countByCustomerIdAndContactedAtGreaterThanEqualAndContactedAtLessThan(
                customerId, dayStart, dayEnd);

        long leftToday = settings.maxPerChannelPerDay() - today;
        if (leftToday <= 0) {
            return Allowance.none("the customer already had " + today + " offers on " + channel
                    + " that day, the daily cap");
        }
        long leftThisWeek = settings.maxPerChannelPerWeek() - thisWeek;
        if (leftThisWeek <= 0) {
            return Allowance.none("the customer already had " + thisWeek + " offers on " + channel
                    + " that week, the weekly cap");
        }
        long leftInBudget = settings.fatigueBudgetPerDay() - allChannelsToday;
        if (leftInBudget <= 0) {
            return Allowance.none("the customer's fatigue budget of " + settings.fatigueBudgetPerDay()
                    + " offers a day, pushed and pulled, is spent");
        }
        return new Allowance((int) Math.min(leftToday, Math.min(leftThisWeek, leftInBudget)), null);
    }

    /** Returns why this offer may not go to this customer now (cooldown, redemption, volume limits), or null. */
    String offerRejection(String customerId, Offer offer, Instant at) {
        Duration cooldown = offer.cooldownMinutes() != null
                ? Duration.ofMinutes(offer.cooldownMinutes()) : settings.defaultCooldown();
        if (!cooldown.isZero() && contacts.existsByCustomerIdAndOfferIdAndContactedAtGreaterThanAndContactedAtLessThanEqual(
                customerId, offer.offerId(), at.minus(cooldown), at)) {
            return "the customer was offered " + offer.offerId() + " less than " + cooldown.toMinutes()
                    + " minutes before, its cooldown";
        }
        if (coupons.hasRedeemed(customerId, offer.offerId())) {
            return "the customer already redeemed " + offer.offerId();
        }
        if (offer.maxTotal() != null && contacts.countByOfferId(offer.offerId()) >= offer.maxTotal()) {
            return "offer " + offer.offerId() + " reached its volume limit of " + offer.maxTotal() + " contacts in all";
        }
        if (offer.maxPerDay() != null) {
            LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
            long today = contacts.countByOfferIdAndContactedAtGreaterThanEqualAndContactedAtLessThan(offer.offerId(),
                    day.atStartOfDay(ZoneOffset.UTC).toInstant(), day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            if (today >= offer.maxPerDay()) {
                return "offer " + offer.offerId() + " reached its daily volume limit of " + offer.maxPerDay()
                        + " contacts";
            }
        }
        return null;
    }

    /** Push and SMS interrupt the customer; email, webhooks and in-app offers wait until they are read. */
    private static boolean isInterrupting(Channel channel) {
        return channel == Channel.PUSH || channel == Channel.SMS;
    }

    private boolean inQuietHours(LocalTime localTime) {
        if (!settings.hasQuietHours()) {
            return false;
        }
        LocalTime start = settings.quietHoursStart();
        LocalTime end = settings.quietHoursEnd();
        if (start.isBefore(end)) {
            return !localTime.isBefore(start) && localTime.isBefore(end);
        }
        return !localTime.isBefore(start) || localTime.isBefore(end);
    }

    /** How many offers may still go out, and why none may when {@code remaining} is 0. */
    record Allowance(int remaining, String reason) {
        static Allowance none(String reason) {
            return new Allowance(0, reason);
        }
    }
}
