package io.solomo.decision.kafka;

import io.solomo.decision.support.DemoServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Without {@code solomo.kafka.bootstrap-servers}, the server has no Kafka route, publisher or settings. */
class KafkaOffByDefaultTests extends DemoServer {

    @Autowired
    ApplicationContext context;

    @Autowired
    CamelContext camel;

    @Test
    void noKafkaBeansWithoutBootstrapServers() {
        assertThat(context.getBeansOfType(KafkaIntakeRoutes.class)).isEmpty();
        assertThat(context.getBeansOfType(DecisionPublisher.class)).isEmpty();
        assertThat(context.getBeansOfType(KafkaSettings.class)).isEmpty();
    }

    @Test
    void noKafkaEndpointWithoutBootstrapServers() {
        assertThat(camel.getRoutes()).extracting(Route::getEndpoint)
                .noneMatch(endpoint -> endpoint.getEndpointUri().startsWith("kafka:"));
        assertThat(camel.getEndpoints()).noneMatch(endpoint -> endpoint.getEndpointUri().startsWith("kafka:"));
    }
}
