package io.solomo.model.offer;

import io.solomo.model.Channel;

import java.time.DayOfWeek;
import java.util.Objects;

/**
 * The moment of contact as the offer rules see it: the channel, what triggered the contact and, when the customer is
 * at a store, which one.
 *
 * <p>{@code dayOfWeek} and {@code hour} (0 to 23) are local to the store's time zone, or to the brand's default time
 * zone when no store is involved. {@code storeId} and {@code storeChain} are null when the contact is not at a store;
 * {@code storeChain} is also null for a store without a known chain.
 */
public final class ContactContext {

    private final Channel channel;
    private final Trigger trigger;
    private final String storeId;
    private final String storeChain;
    private final DayOfWeek dayOfWeek;
    private final int hour;
    private final Boolean openNow;
    private final boolean regularHere;

    public ContactContext(Channel channel, Trigger trigger, String storeId, String storeChain,
                          DayOfWeek dayOfWeek, int hour) {
        this(channel, trigger, storeId, storeChain, dayOfWeek, hour, null);
    }

    /**
     * A contact whose store's opening hours are known.
     *
     * @param openNow whether the store is open at the moment of contact, or null when unknown (no store, or no
     *                opening hours)
     */
    public ContactContext(Channel channel, Trigger trigger, String storeId, String storeChain,
                          DayOfWeek dayOfWeek, int hour, Boolean openNow) {
        this(channel, trigger, storeId, storeChain, dayOfWeek, hour, openNow, false);
    }

    /**
     * A contact at a store whose regular the customer may be.
     *
     * @param regularHere true when the customer is the regular of the contact's store (the customer who visits it
     *                    most often); always false away from stores
     */
    public ContactContext(Channel channel, Trigger trigger, String storeId, String storeChain,
                          DayOfWeek dayOfWeek, int hour, Boolean openNow, boolean regularHere) {
        if (hour < 0 || hour > 23) {
            throw new IllegalArgumentException("hour must be within 0..23, got " + hour);
        }
        this.channel = Objects.requireNonNull(channel, "channel");
        this.trigger = Objects.requireNonNull(trigger, "trigger");
        this.storeId = storeId;
        this.storeChain = storeChain;
        this.dayOfWeek = Objects.requireNonNull(dayOfWeek, "dayOfWeek");
        this.hour = hour;
        this.openNow = openNow;
        this.regularHere = regularHere && storeId != null;
    }

    /** Returns true when the customer is the regular of the contact's store. */
    public boolean isRegularHere() {
        return regularHere;
    }

    public Channel getChannel() {
        return channel;
    }

    public Trigger getTrigger() {
        return trigger;
    }

    public String getStoreId() {
        return storeId;
    }

    public String getStoreChain() {
        return storeChain;
    }

    public boolean isAtStore() {
        return storeId != null;
    }

    public DayOfWeek getDayOfWeek() {
        return dayOfWeek;
    }

    public int getHour() {
        return hour;
    }

    /** Returns whether the store is open at the moment of contact, or null when that is unknown. */
    public Boolean getOpenNow() {
        return openNow;
    }

    @Override
    public String toString() {
        return "ContactContext[" + channel + ", " + trigger + ", store " + storeId + ", " + dayOfWeek + " " + hour + "h"
                + openingText() + "]";
    }

    private String openingText() {
        if (openNow == null) {
            return "";
        }
        return openNow ? ", open" : ", closed";
    }

    /** The event that started the contact. */
    public enum Trigger {
        /** An application asked for a decision. */
        API,
        /** A device entered a store's geofence. */
        GEOFENCE_ENTER,
        /** A device stayed inside a store's geofence for the configured dwell time. */
        GEOFENCE_DWELL,
        /** A device left a store's geofence. */
        GEOFENCE_EXIT
    }
}
