package io.solomo.decision.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Sets Spring MVC's JSON converter to one that reads the body types marked {@link RejectUnknownFields} with
 * {@link DeserializationFeature#FAIL_ON_UNKNOWN_PROPERTIES}, and every other type as Spring Boot's own converter does,
 * with the application's {@link JsonMapper}.
 *
 * <p>The converter takes the JSON slot of the converter list, so the other converters keep their order: a
 * {@code byte[]} or {@code String} body is still read as it is. Spring Boot's MVC configuration is ordered 0, and
 * this unordered configurer runs after it, so its JSON converter is the one kept.
 */
@Configuration(proxyBeanMethods = false)
class JsonConverterConfiguration implements WebMvcConfigurer {

    private final JsonMapper jsonMapper;

    JsonConverterConfiguration(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    /**
     * Adds the application's own readers to the {@link JsonMapper} that Spring Boot builds: strings holding the NUL
     * character are refused by field (see {@link StorableStringDeserializer}). Static, so that the mapper does not
     * wait for this configuration, which needs the mapper.
     */
    @Bean
    static SimpleModule storableStrings() {
        return new SimpleModule("solomo-storable-strings").addDeserializer(String.class,
                new StorableStringDeserializer());
    }

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.withJsonConverter(new StrictBodyConverter(jsonMapper));
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
