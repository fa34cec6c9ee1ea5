package io.solomo.decision.kie;

import io.solomo.decision.web.ConcurrencyLimitFilter;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Maps {@link KieBatchServlet} under the configured KIE Server path prefix, behind a limit of
 * {@code solomo.kie.max-concurrent-batches} batches at once.
 */
@Configuration
class KieBatchServletConfiguration {

    @Bean
    ServletRegistrationBean<KieBatchServlet> kieBatchServlet(
            RuleExecution execution, KieServerProperties properties,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) {
        ServletRegistrationBean<KieBatchServlet> registration = new ServletRegistrationBean<>(
                new KieBatchServlet(execution, errors, properties.pathPrefix(),
                        (int) properties.maxBatchSize().toBytes()),
                properties.pathPrefix() + "/containers/instances/*");
        registration.setName("kieBatch");
        registration.setLoadOnStartup(1);
        return registration;
    }

    /**
     * Limits the batches that run at once. The filter comes after the HTTP metrics filter, so that the time a batch
     * waits counts in its measured latency, and before Spring Security, whose work is within the limit.
     */
    @Bean
    FilterRegistrationBean<ConcurrencyLimitFilter> kieBatchLimit(
            KieServerProperties properties, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) {
        FilterRegistrationBean<ConcurrencyLimitFilter> registration = new FilterRegistrationBean<>(
                new ConcurrencyLimitFilter(properties.maxConcurrentBatches(), properties.maxBatchWait(),
                        "KIE batches", errors));
        registration.setName("kieBatchLimit");
        registration.addUrlPatterns(properties.pathPrefix() + "/containers/instances/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }
}
