package io.solomo.decision.delivery;

import io.solomo.decision.SettingChecks;
import io.solomo.model.Channel;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.AsyncProcessorSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;

/**
 * Sends the outbox: route {@code delivery-outbox} claims up to {@code batch-size} due deliveries every
 * {@code poll-interval-ms}, and the next batch at once after a full one. It reads their customers' consent, time
 * zone and push devices once for the batch, and hands each delivery to {@code dispatch-delivery}. That route applies the consent and quiet-hours check, sends through the
 * channel's route ({@code outbound-push}, {@code outbound-sms}, {@code outbound-email}, {@code outbound-webhook},
 * {@code outbound-in-app}) and records a failure at once. The sent deliveries of the batch are recorded together,
 * in one JDBC batch, when every send of the batch has finished. Push requests are sent with the JDK client's
 * {@code sendAsync}, so up to a whole batch of them waits on the providers at once.
 *
 * <p>A transient failure is retried after {@code initial-backoff} × 2^(attempts − 1), at most {@code max-backoff},
 * or later when the provider sent {@code Retry-After}; after {@code max-attempts} attempts, or at once for a
 * permanent failure, the delivery goes to the dead-letter store. Retries are scheduled in the outbox rather than
 * held in memory, so they survive a restart. A channel without a configured provider only records the delivery as
 * sent, which is the embedded default.
 */
@Component
class DeliveryDispatchRoutes extends RouteBuilder {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatchRoutes.class);
    private static final String PROVIDER_ID = "solomoProviderMessageId";
    private static final String VERDICT = "solomoSendTimeVerdict";
    private static final String CHANNEL_ENDPOINT = "solomoChannelEndpoint";
    private static final String BATCH = "solomoClaimedBatch";

    private final OutboxStore outbox;
    private final SendTimePolicy sendTime;
    private final DeviceTokens devices;
    private final PushSender push;
    private final SmsSender sms;
    private final EmailSender email;
    private final WebhookSender webhook;
    private final CouponValidity couponValidity;
    private final ObjectMapper json;
    private final Clock clock;
    private final int batchSize;
    private final int concurrency;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final int pollIntervalMillis;
    private final int startDelayMillis;

    DeliveryDispatchRoutes(OutboxStore outbox, SendTimePolicy sendTime, DeviceTokens devices, PushSender push, SmsSender sms,
                           EmailSender email, WebhookSender webhook, CouponValidity couponValidity,
                           ObjectMapper json, Clock clock,
                           @Value("${solomo.delivery.batch-size:500}") int batchSize,
                           @Value("${solomo.delivery.concurrency:16}") int concurrency,
                           @Value("${solomo.delivery.retry.max-attempts:8}") int maxAttempts,
                           @Value("${solomo.delivery.retry.initial-backoff:PT5S}") Duration initialBackoff,
                           @Value("${solomo.delivery.retry.max-backoff:PT1H}") Duration maxBackoff,
                           @Value("${solomo.delivery.poll-interval-ms:100}") int pollIntervalMillis,
                           @Value("${solomo.delivery.start-delay-ms:1000}") int startDelayMillis) {
        this.outbox = outbox;
        this.sendTime = sendTime;
        this.devices = devices;
        this.push = push;
        this.sms = sms;
        this.email = email;
        this.webhook = webhook;
        this.couponValidity = couponValidity;
        this.json = json;
        this.clock = clock;
        this.batchSize = SettingChecks.atLeast("solomo.delivery.batch-size", batchSize, 1);
        this.concurrency = SettingChecks.atLeast("solomo.delivery.concurrency", concurrency, 1);
        this.maxAttempts = SettingChecks.atLeast("solomo.delivery.retry.max-attempts", maxAttempts, 1);
        this.initialBackoff = SettingChecks.positive("solomo.delivery.retry.initial-backoff", initialBackoff);
        this.maxBackoff = SettingChecks.positive("solomo.delivery.retry.max-backoff", maxBackoff);
        this.pollIntervalMillis = SettingChecks.atLeast("solomo.delivery.poll-interval-ms", pollIntervalMillis, 1);
        this.startDelayMillis = SettingChecks.atLeast("solomo.delivery.start-delay-ms", startDelayMillis, 0);
    }

    @Override
    public void configure() {
        errorHandler(noErrorHandler());
        ExecutorService dispatchers = getCamelContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "delivery-dispatch", concurrency);

        // synchronous=true: the next poll waits until every message of this batch has its outcome. Without it, the
        // parallel split lets the timer fire again mid-batch, and a batch slower than the claim lease is claimed twice.
        // A full batch means more rows are probably due, so the loop claims the next one at once instead of waiting
        // for the timer, until a batch is not full or Camel stops.
        from("timer:delivery-outbox?period=" + pollIntervalMillis + "&delay=" + startDelayMillis + "&synchronous=true")
                .routeId("delivery-outbox")
                .loopDoWhile(exchange -> getCamelContext().getStatus().isStarted()
                        && (batch(exchange) == null || batch(exchange).full()))
                    .process(this::claimBatch)
                    .split(body()).parallelProcessing().executorService(dispatchers)
                        .to("direct:dispatch-delivery")
                    .end()
                    .process(this::recordSentBatch)
                .end();

        from("direct:dispatch-delivery")
                .routeId("dispatch-delivery")
                .process(this::checkSendTime)
                .filter(exchangeProperty(VERDICT).isNull())
                .doTry()
                    .process(exchange -> exchange.getMessage().setHeader(CHANNEL_ENDPOINT,
                            channelEndpoint(message(exchange).channel())))
                    .toD("${header." + CHANNEL_ENDPOINT + "}")
                    .process(this::markSent)
                .doCatch(Exception.class)
                    .process(this::recordFailure)
                .end();

        from("direct:outbound-push").routeId("outbound-push")
                .process(new AsyncPush());
        from("direct:outbound-sms").routeId("outbound-sms")
                .process(exchange -> send(exchange, sms.configured(), () -> sms.send(message(exchange))));
        from("direct:outbound-email").routeId("outbound-email")
                .process(exchange -> send(exchange, email.configured(), () -> email.send(message(exchange))));
        from("direct:outbound-webhook").routeId("outbound-webhook")
                .process(exchange -> send(exchange, webhook.configured(), () -> webhook.send(message(exchange))));
        from("direct:outbound-in-app").routeId("outbound-in-app")
                .log(LoggingLevel.DEBUG, "Offer ${body.offerId()} is in the inbox of customer ${body.customerId()}");
    }

    /**
     * Claims due deliveries and reads what their sends need, coupon expiries, consent and quiet hours and push
     * devices, with a few queries for the whole batch instead of a few per delivery.
     */
    private void claimBatch(Exchange exchange) {
        push.startBatch();
        List<OutboundMessage> messages = couponValidity.fillIn(outbox.claimDue(batchSize));
        Set<String> pushCustomers = messages.stream().filter(message -> message.channel() == Channel.PUSH)
                .map(OutboundMessage::customerId).collect(Collectors.toSet());
        Map<String, List<DeviceTokens.Device>> pushDevices = push.configured() ? devices.of(pushCustomers) : Map.of();
        exchange.setProperty(BATCH, new ClaimedBatch(messages.size() >= batchSize, sendTime.check(messages),
                pushDevices, new ConcurrentLinkedQueue<>()));
        exchange.getMessage().setBody(messages);
    }

    private static ClaimedBatch batch(Exchange exchange) {
        return exchange.getProperty(BATCH, ClaimedBatch.class);
    }

    /**
     * Sends a push without holding a dispatcher thread while the providers respond: the exchange goes on when the
     * future completes.
     */
    private final class AsyncPush extends AsyncProcessorSupport {

        @Override
        public boolean process(Exchange exchange, AsyncCallback callback) {
            if (!push.configured()) {
                callback.done(true);
                return true;
            }
            OutboundMessage message = message(exchange);
            List<DeviceTokens.Device> targets = batch(exchange).pushDevices()
                    .getOrDefault(message.customerId(), List.of());
            CompletableFuture<String> sent;
            try {
                sent = push.sendAsync(message, targets);
            } catch (RuntimeException failure) {
                // Without callback.done the split would wait for this message forever and stall the outbox.
                exchange.setException(PushSender.unwrap(failure));
                callback.done(true);
                return true;
            }
            sent.whenComplete((providerMessageId, failure) -> {
                if (failure != null) {
                    exchange.setException(PushSender.unwrap(failure));
                } else {
                    exchange.getMessage().setHeader(PROVIDER_ID, providerMessageId);
                }
                callback.done(false);
            });
            return false;
        }
    }

    /** Returns the route of a channel: {@code direct:outbound-push}, ..., {@code direct:outbound-in-app}. */
    static String channelEndpoint(Channel channel) {
        return "direct:outbound-" + channel.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static OutboundMessage message(Exchange exchange) {
        return exchange.getMessage().getBody(OutboundMessage.class);
    }

    private static void send(Exchange exchange, boolean configured, java.util.function.Supplier<String> sender) {
        if (!configured) {
            return;
        }
        exchange.getMessage().setHeader(PROVIDER_ID, sender.get());
    }

    private void checkSendTime(Exchange exchange) {
        OutboundMessage message = message(exchange);
        SendTimePolicy.Verdict verdict = batch(exchange).verdicts().get(message.deliveryId());
        if (verdict.until() != null) {
            outbox.defer(message, verdict.until());
            log.info("Delivery {} waits for the end of quiet hours at {}", message.deliveryId(), verdict.until());
            exchange.setProperty(VERDICT, verdict);
        } else if (verdict.reason() != null) {
            outbox.suppress(message, verdict.reason());
            log.info("Delivery {} suppressed at send time: {}", message.deliveryId(), verdict.reason());
            exchange.setProperty(VERDICT, verdict);
        }
    }

    /** Keeps the outcome for {@link #recordSentBatch}, which records the whole batch in one JDBC batch. */
    private void markSent(Exchange exchange) {
        batch(exchange).sent().add(new OutboxStore.Sent(message(exchange),
                exchange.getMessage().getHeader(PROVIDER_ID, String.class)));
    }

    /**
     * Records every message of the batch that its provider accepted. A crash before this point leaves the rows
     * claimed, so they are sent again with the same delivery id once the claim lease runs out.
     * NOTE: marking SMS, email and webhook rows sent one by one would shrink that window of repeats from a batch
     * to one message. It costs one update per message, so measure it with the delivery benchmark first.
     */
    private void recordSentBatch(Exchange exchange) {
        List<OutboxStore.Sent> sent = List.copyOf(batch(exchange).sent());
        outbox.markSent(sent);
        for (OutboxStore.Sent row : sent) {
            OutboundMessage message = row.message();
            log.info("Sent delivery {} of offer {} to customer {} on {}, decision {}", message.deliveryId(),
                    message.offerId(), message.customerId(), message.channel(), message.decisionId());
        }
    }

    private void recordFailure(Exchange exchange) {
        OutboundMessage message = message(exchange);
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        DeliveryFailure failure = caught instanceof DeliveryFailure known ? known
                : DeliveryFailure.transientFailure("unexpected failure: " + caught, caught);
        int attempt = message.attempts() + 1;

        if (failure.kind() == DeliveryFailure.Kind.NO_RECIPIENT) {
            outbox.suppress(message, failure.getMessage());
            log.info("Delivery {} suppressed: {}", message.deliveryId(), failure.getMessage());
        } else if (failure.kind() == DeliveryFailure.Kind.PERMANENT || attempt >= maxAttempts) {
            String reason = failure.kind() == DeliveryFailure.Kind.PERMANENT ? failure.getMessage()
                    : "gave up after " + attempt + " attempts; last failure: " + failure.getMessage();
            outbox.markDead(message, reason, json.writeValueAsString(message));
            log.warn("Delivery {} of offer {} on {} is dead: {}", message.deliveryId(), message.offerId(),
                    message.channel(), reason);
        } else {
            Instant next = nextAttempt(attempt, failure.retryAfterSeconds());
            outbox.scheduleRetry(message, failure.getMessage(), next);
            log.info("Delivery {} attempt {} failed, next attempt at {}: {}", message.deliveryId(), attempt, next,
                    failure.getMessage());
        }
    }

    /**
     * The deliveries of one claim with what was read for them at the claim: verdicts by delivery id and push devices
     * by customer id, and the messages sent so far.
     *
     * @param full whether the claim took as many rows as it could, so that more are probably due
     */
    private record ClaimedBatch(boolean full, Map<String, SendTimePolicy.Verdict> verdicts,
                                Map<String, List<DeviceTokens.Device>> pushDevices, Queue<OutboxStore.Sent> sent) {
    }

    /**
     * Returns when to try again after the given attempt: exponential backoff, or the provider's Retry-After when it
     * is longer. Both are capped at {@code max-backoff}, so that a Retry-After of years, or one too large to add to
     * the clock, still leaves the delivery a next attempt.
     */
    Instant nextAttempt(int attempt, long retryAfterSeconds) {
        Duration backoff = initialBackoff.multipliedBy(1L << Math.min(attempt - 1, 30));
        if (backoff.compareTo(maxBackoff) > 0 || backoff.isNegative()) {
            backoff = maxBackoff;
        }
        Duration retryAfter = Duration.ofSeconds(Math.min(retryAfterSeconds, maxBackoff.toSeconds()));
        return clock.instant().plus(retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff);
    }
}
