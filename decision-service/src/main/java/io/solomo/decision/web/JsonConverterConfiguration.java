package io.solomo.decision.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Declares the JSON converter of Spring MVC. Spring Boot steps back from its own when this bean exists, and this one
 * is the same, with the application's {@link JsonMapper}, except that it reads the body types marked
 * {@link RejectUnknownFields} with {@link DeserializationFeature#FAIL_ON_UNKNOWN_PROPERTIES}.
 */
@Configuration(proxyBeanMethods = false)
class JsonConverterConfiguration {

    @Bean
    JacksonJsonHttpMessageConverter jacksonJsonHttpMessageConverter(JsonMapper jsonMapper) {
        return new StrictBodyConverter(jsonMapper);
    }

    /** Spring's Jackson converter, strict for the types marked {@link RejectUnknownFields}. */
    static final class StrictBodyConverter extends JacksonJsonHttpMessageConverter {

        StrictBodyConverter(JsonMapper jsonMapper) {
            super(jsonMapper);
        }

        @Override
        protected ObjectReader customizeReader(ObjectReader reader, JavaType javaType) {
            ObjectReader customized = super.customizeReader(reader, javaType);
            if (javaType.getRawClass().isAnnotationPresent(RejectUnknownFields.class)) {
                return customized.with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
            }
            return customized;
        }
    }
}
