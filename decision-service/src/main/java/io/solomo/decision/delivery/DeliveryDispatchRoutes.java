package io.solomo.decision.delivery;

import io.solomo.model.Channel;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ExecutorService;

/**
 * Sends the outbox: route {@code delivery-outbox} claims due deliveries every {@code poll-interval-ms} and hands
 * each to {@code dispatch-delivery}, which checks consent and quiet hours again, sends through the channel's route
 * ({@code outbound-push}, {@code outbound-sms}, {@code outbound-email}, {@code outbound-webhook},
 * {@code outbound-in-app}) and records the outcome.
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

    private final OutboxStore outbox;
    private final SendTimePolicy sendTime;
    private final PushSender push;
    private final SmsSender sms;
    private final EmailSender email;
    private final WebhookSender webhook;
    private final ObjectMapper json;
    private final Clock clock;
    private final int batchSize;
    private final int concurrency;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    DeliveryDispatchRoutes(OutboxStore outbox, SendTimePolicy sendTime, PushSender push, SmsSender sms,
                           EmailSender email, WebhookSender webhook, ObjectMapper json, Clock clock,
                           @Value("${solomo.delivery.batch-size:500}") int batchSize,
                           @Value("${solomo.delivery.concurrency:16}") int concurrency,
                           @Value("${solomo.delivery.retry.max-attempts:8}") int maxAttempts,
                           @Value("${solomo.delivery.retry.initial-backoff:PT5S}") Duration initialBackoff,
                           @Value("${solomo.delivery.retry.max-backoff:PT1H}") Duration maxBackoff) {
        this.outbox = outbox;
        this.sendTime = sendTime;
        this.push = push;
        this.sms = sms;
        this.email = email;
        this.webhook = webhook;
        this.json = json;
        this.clock = clock;
        this.batchSize = batchSize;
        this.concurrency = concurrency;
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    @Override
    public void configure() {
        errorHandler(noErrorHandler());
        ExecutorService dispatchers = getCamelContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "delivery-dispatch", concurrency);

        // synchronous=true: the next poll waits until every message of this batch has its outcome. Without it, the
        // parallel split lets the timer fire again mid-batch, and a batch slower than the claim lease is claimed twice.
        from("timer:delivery-outbox?period={{solomo.delivery.poll-interval-ms:100}}"
                + "&delay={{solomo.delivery.start-delay-ms:1000}}&synchronous=true")
                .routeId("delivery-outbox")
                .process(exchange -> exchange.getMessage().setBody(outbox.claimDue(batchSize)))
                .split(body()).parallelProcessing().executorService(dispatchers)
                    .to("direct:dispatch-delivery")
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
                .process(exchange -> send(exchange, push.configured(), () -> push.send(message(exchange))));
        from("direct:outbound-sms").routeId("outbound-sms")
                .process(exchange -> send(exchange, sms.configured(), () -> sms.send(message(exchange))));
        from("direct:outbound-email").routeId("outbound-email")
                .process(exchange -> send(exchange, email.configured(), () -> email.send(message(exchange))));
        from("direct:outbound-webhook").routeId("outbound-webhook")
                .process(exchange -> send(exchange, webhook.configured(), () -> webhook.send(message(exchange))));
        from("direct:outbound-in-app").routeId("outbound-in-app")
                .log(LoggingLevel.DEBUG, "Offer ${body.offerId()} is in the inbox of customer ${body.customerId()}");
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
        SendTimePolicy.Verdict verdict = sendTime.check(message);
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

    private void markSent(Exchange exchange) {
        OutboundMessage message = message(exchange);
        outbox.markSent(message, exchange.getMessage().getHeader(PROVIDER_ID, String.class));
        log.info("Sent delivery {} of offer {} to customer {} on {}, decision {}", message.deliveryId(),
                message.offerId(), message.customerId(), message.channel(), message.decisionId());
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

    /** Returns when to try again after the given attempt: exponential backoff, or the provider's Retry-After. */
    Instant nextAttempt(int attempt, long retryAfterSeconds) {
        Duration backoff = initialBackoff.multipliedBy(1L << Math.min(attempt - 1, 30));
        if (backoff.compareTo(maxBackoff) > 0 || backoff.isNegative()) {
            backoff = maxBackoff;
        }
        Duration retryAfter = Duration.ofSeconds(retryAfterSeconds);
        return clock.instant().plus(retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff);
    }
}
