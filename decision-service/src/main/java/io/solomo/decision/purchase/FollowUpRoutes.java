package io.solomo.decision.purchase;

import io.solomo.decision.SettingChecks;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Route {@code purchase-follow-up}: every {@code solomo.purchase.follow-up.poll-interval-ms} it queues the
 * follow-ups that are due. The due rows live in the database, so a restart loses none.
 */
@Component
class FollowUpRoutes extends RouteBuilder {

    private final FollowUps followUps;
    private final int batchSize;
    private final int pollIntervalMillis;
    private final int startDelayMillis;

    FollowUpRoutes(FollowUps followUps, @Value("${solomo.purchase.follow-up.batch-size:100}") int batchSize,
                   @Value("${solomo.purchase.follow-up.poll-interval-ms:60000}") int pollIntervalMillis,
                   @Value("${solomo.purchase.follow-up.start-delay-ms:5000}") int startDelayMillis) {
        this.followUps = followUps;
        this.batchSize = SettingChecks.atLeast("solomo.purchase.follow-up.batch-size", batchSize, 1);
        this.pollIntervalMillis = SettingChecks.atLeast("solomo.purchase.follow-up.poll-interval-ms",
                pollIntervalMillis, 1);
        this.startDelayMillis = SettingChecks.atLeast("solomo.purchase.follow-up.start-delay-ms", startDelayMillis, 0);
    }

    @Override
    public void configure() {
        from("timer:purchase-follow-up?period=" + pollIntervalMillis + "&delay=" + startDelayMillis)
                .routeId("purchase-follow-up")
                .process(exchange -> followUps.sendDue(batchSize));
    }
}
