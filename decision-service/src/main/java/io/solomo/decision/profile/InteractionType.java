package io.solomo.decision.profile;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Kinds of interaction a channel reports, each with its weight in the engagement score. */
public enum InteractionType {
    QR_SCANNED(2), APP_INSTALLED(3), APP_REGISTERED(5), APP_OPENED(1), WEB_VISIT(1), PUSH_RECEIVED(0),
    PUSH_OPENED(2), EMAIL_OPENED(1), EMAIL_CLICKED(2), STORE_VISIT(3), PURCHASE(5), COUPON_REDEEMED(4),
    REVIEW_POSTED(4), SOCIAL_SHARE(3);

    private final double engagementWeight;

    InteractionType(double engagementWeight) {
        this.engagementWeight = engagementWeight;
    }

    /** Points one interaction of this type adds to the engagement score before decay. */
    double engagementWeight() {
        return engagementWeight;
    }

    /** A visit on any channel: in a store, on the web site or in the app. */
    boolean isVisit() {
        return this == STORE_VISIT || this == WEB_VISIT || this == APP_OPENED;
    }

    static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
