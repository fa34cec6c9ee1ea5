package io.solomo.decision.kie;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;

/** Maps {@link KieBatchServlet} under the configured KIE Server path prefix. */
@Configuration
class KieBatchServletConfiguration {

    @Bean
    ServletRegistrationBean<KieBatchServlet> kieBatchServlet(
            RuleExecution execution, KieServerProperties properties,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) {
        ServletRegistrationBean<KieBatchServlet> registration = new ServletRegistrationBean<>(
                new KieBatchServlet(execution, errors), properties.pathPrefix() + "/containers/instances/*");
        registration.setName("kieBatch");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
