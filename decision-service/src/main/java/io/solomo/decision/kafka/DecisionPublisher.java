package io.solomo.decision.kafka;

import io.solomo.decision.offer.DecisionStored;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Publishes each stored decision to the decisions topic once its transaction has committed, so a rolled-back decision
 * is never published. The record's key is the customer id, so one customer's decisions stay in one partition in
 * the order they were committed on this node.
 *
 * <p>The committing thread only queues the decision, so a slow or unreachable cluster never delays a decision. One
 * thread takes the queue in order and hands each record to the Kafka producer, which sends it with idempotence on,
 * so its retries keep the order.
 *
 * <p>NOTE: publishing is not part of the decision's transaction. A decision is logged but not published when the
 * queue of {@value #QUEUED_DECISIONS} is full, when the producer fails to send it, or when the server stops first.
 */
class DecisionPublisher implements DisposableBean {

    static final int QUEUED_DECISIONS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(DecisionPublisher.class);

    private final Endpoint endpoint;
    private final JsonMapper jsonMapper;
    private final String topic;
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUED_DECISIONS), runnable -> new Thread(runnable, "kafka-decisions"));
    private AsyncProducer producer;

    DecisionPublisher(KafkaSettings settings, CamelContext camelContext, JsonMapper jsonMapper) {
        this.topic = settings.topics().decisions();
        this.endpoint = camelContext.getEndpoint(KafkaUris.topic(settings, topic,
                "&requestRequiredAcks=all&enableIdempotence=true&maxBlockMs=5000"));
        this.jsonMapper = jsonMapper;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void publish(DecisionStored decision) {
        try {
            sender.execute(() -> send(decision));
        } catch (RejectedExecutionException full) {
            log.warn("Decision {} of customer {} not published to Kafka topic {}: {} decisions already wait to be "
                    + "sent", decision.decisionId(), decision.customerId(), topic, QUEUED_DECISIONS);
        }
    }

    private void send(DecisionStored decision) {
        Exchange exchange = endpoint.createExchange();
        exchange.getMessage().setBody(jsonMapper.writeValueAsString(record(decision)));
        exchange.getMessage().setHeader(KafkaConstants.KEY, decision.customerId());
        try {
            producer().process(exchange, doneSync -> {
                if (exchange.getException() != null) {
                    log.warn("Publishing decision {} of customer {} to Kafka topic {} failed: {}",
                            decision.decisionId(), decision.customerId(), topic, exchange.getException().toString());
                }
            });
        } catch (RuntimeException failure) {
            log.warn("Publishing decision {} of customer {} to Kafka topic {} failed: {}", decision.decisionId(),
                    decision.customerId(), topic, failure.toString());
        }
    }

    /** Returns the record's JSON fields in a stable order. */
    private static Map<String, Object> record(DecisionStored decision) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("decisionId", decision.decisionId());
        fields.put("customerId", decision.customerId());
        fields.put("channel", decision.channel());
        fields.put("storeId", decision.storeId());
        fields.put("offerIds", decision.offerIds());
        fields.put("holdout", decision.holdout());
        fields.put("decidedAt", decision.decidedAt().toString());
        return fields;
    }

    /** Returns the producer, started on the first decision so that a server that decides nothing opens nothing. */
    private synchronized AsyncProducer producer() {
        if (producer == null) {
            AsyncProducer created;
            try {
                created = endpoint.createAsyncProducer();
            } catch (Exception failure) {
                throw new IllegalStateException("creating the Kafka producer of topic " + topic + " failed", failure);
            }
            ServiceHelper.startService(created);
            producer = created;
        }
        return producer;
    }

    @Override
    public void destroy() throws InterruptedException {
        // The queued decisions are sent before the producer stops, which flushes the records it still holds.
        sender.shutdown();
        if (!sender.awaitTermination(10, TimeUnit.SECONDS)) {
            log.warn("{} decisions not published to Kafka topic {}: the server stopped first",
                    sender.shutdownNow().size(), topic);
        }
        synchronized (this) {
            ServiceHelper.stopAndShutdownService(producer);
        }
    }
}
