package io.solomo.decision.kafka;

import io.solomo.decision.location.LocationEventReceiver;
import io.solomo.decision.profile.InteractionIntake;
import org.apache.camel.CamelContext;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Adds the Kafka routes and the decision publisher when {@code solomo.kafka.bootstrap-servers} is set. Without it, no
 * Kafka client is created and the server behaves as without Kafka.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(KafkaStreamsConfiguration.BootstrapServersSet.class)
class KafkaStreamsConfiguration {

    static final String BOOTSTRAP_SERVERS = "solomo.kafka.bootstrap-servers";

    @Bean
    KafkaSettings kafkaSettings(Environment environment) {
        return Binder.get(environment).bindOrCreate("solomo.kafka", KafkaSettings.class);
    }

    @Bean
    KafkaRecordIntake kafkaRecordIntake(InteractionIntake interactions, LocationEventReceiver locations,
                                        JsonMapper jsonMapper) {
        return new KafkaRecordIntake(interactions, locations, jsonMapper);
    }

    @Bean
    KafkaIntakeRoutes kafkaIntakeRoutes(KafkaSettings settings, KafkaRecordIntake intake) {
        return new KafkaIntakeRoutes(settings, intake);
    }

    @Bean
    DecisionPublisher decisionPublisher(KafkaSettings settings, CamelContext camelContext, JsonMapper jsonMapper) {
        return new DecisionPublisher(settings, camelContext, jsonMapper);
    }

    /** Matches when the bootstrap servers are set to a non-blank value, so an empty setting leaves Kafka off. */
    static final class BootstrapServersSet implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty(BOOTSTRAP_SERVERS));
        }
    }
}
