package io.solomo.decision.offer;

import io.solomo.model.Channel;

import java.time.Instant;

/** One offer presented to a customer, as the contact policy reads it. */
record PastContact(String offerId, Channel channel, Instant contactedAt) {
}
