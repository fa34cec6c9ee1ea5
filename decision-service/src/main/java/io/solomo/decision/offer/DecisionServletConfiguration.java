package io.solomo.decision.offer;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;
import tools.jackson.databind.json.JsonMapper;

/** Maps {@link DecisionServlet} to the exact path of the decision endpoint; its sub-paths stay with Spring MVC. */
@Configuration
class DecisionServletConfiguration {

    @Bean
    ServletRegistrationBean<DecisionServlet> decisionServlet(
            DecisionEngine engine, JsonMapper json,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) {
        ServletRegistrationBean<DecisionServlet> registration = new ServletRegistrationBean<>(
                new DecisionServlet(engine, json, errors), DecisionServlet.PATH);
        registration.setName("decisions");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
