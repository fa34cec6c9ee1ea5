package io.solomo.decision.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Sets Spring MVC's JSON converter to one that reads every JSON body with a size limit and with duplicate keys
 * rejected, reads the body types marked {@link RejectUnknownFields} with
 * {@link DeserializationFeature#FAIL_ON_UNKNOWN_PROPERTIES} and without scalar coercion (see {@link StrictJson}), and
 * otherwise reads as Spring Boot's own converter does, with the application's {@link JsonMapper}.
 *
 * <p>The converter takes the JSON slot of the converter list, so the other converters keep their order: a
 * {@code byte[]} or {@code String} body is still read as it is, without this limit. Spring Boot's MVC configuration
 * is ordered 0, and this unordered configurer runs after it, so its JSON converter is the one kept.
 */
@Configuration(proxyBeanMethods = false)
class JsonConverterConfiguration implements WebMvcConfigurer {

    static final String MAX_BODY_SIZE_SETTING = "solomo.api.max-json-body-size";

    private final JsonMapper jsonMapper;
    private final int maxBodyBytes;

    JsonConverterConfiguration(JsonMapper jsonMapper,
                               @Value("${" + MAX_BODY_SIZE_SETTING + ":10MB}") DataSize maxBodySize) {
        if (maxBodySize.isNegative() || maxBodySize.toBytes() == 0 || maxBodySize.toBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(MAX_BODY_SIZE_SETTING + " must be within 1B..2047MB, got "
                    + maxBodySize);
        }
        this.jsonMapper = jsonMapper;
        this.maxBodyBytes = (int) maxBodySize.toBytes();
    }

    /**
     * Adds the application's own readers to the {@link JsonMapper} that Spring Boot builds: strings that contain the
     * NUL character are rejected by field (see {@link StorableStringDeserializer}). Static, so that the mapper does
     * not wait for this configuration, which needs the mapper.
     */
    @Bean
    static SimpleModule storableStrings() {
        return new SimpleModule("solomo-storable-strings").addDeserializer(String.class,
                new StorableStringDeserializer());
    }

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.withJsonConverter(new StrictBodyConverter(jsonMapper, maxBodyBytes));
    }

    /**
     * Spring's Jackson converter with a body size limit and duplicate keys rejected, strict for the types marked
     * {@link RejectUnknownFields}. It reads the body into memory first, up to the limit, so that a failure can name
     * the value sent.
     */
    static final class StrictBodyConverter extends JacksonJsonHttpMessageConverter {

        private final JsonMapper withoutCoercion;
        private final int maxBodyBytes;

        StrictBodyConverter(JsonMapper jsonMapper, int maxBodyBytes) {
            super(jsonMapper);
            this.withoutCoercion = StrictJson.withoutScalarCoercion(jsonMapper);
            this.maxBodyBytes = maxBodyBytes;
        }

        @Override
        public Object read(ResolvableType type, HttpInputMessage input, Map<String, Object> hints)
                throws IOException {
            byte[] body = readLimited(input);
            try {
                return super.read(type, new BufferedInput(input.getHeaders(), body), hints);
            } catch (HttpMessageNotReadableException unreadable) {
                throw new JsonBodyNotReadableException(unreadable.getMessage(), unreadable.getCause(), input, body);
            }
        }

        @Override
        protected Object readInternal(Class<?> type, HttpInputMessage input) throws IOException {
            byte[] body = readLimited(input);
            try {
                return super.readInternal(type, new BufferedInput(input.getHeaders(), body));
            } catch (HttpMessageNotReadableException unreadable) {
                throw new JsonBodyNotReadableException(unreadable.getMessage(), unreadable.getCause(), input, body);
            }
        }

        @Override
        protected ObjectReader customizeReader(ObjectReader reader, JavaType javaType) {
            if (javaType.getRawClass().isAnnotationPresent(RejectUnknownFields.class)) {
                ObjectReader strict = super.customizeReader(withoutCoercion.readerFor(javaType), javaType);
                return StrictJson.rejectingDuplicateKeys(strict
                        .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
            }
            ObjectReader customized = super.customizeReader(reader, javaType);
            if (JsonNode.class.isAssignableFrom(javaType.getRawClass())) {
                // A body read as a tree, such as an interaction batch, keeps its decimals exact: a double would round
                // an amount of 12.3400000000000000001 to 12.34 before the amount checks could see it.
                customized = customized.with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
            }
            return StrictJson.rejectingDuplicateKeys(customized);
        }

        private byte[] readLimited(HttpInputMessage input) throws IOException {
            return JsonBodies.read(input.getBody(), input.getHeaders().getContentLength(), maxBodyBytes,
                    MAX_BODY_SIZE_SETTING);
        }
    }

    /** A request body already read into memory, with the headers of the request. */
    private record BufferedInput(HttpHeaders headers, byte[] body) implements HttpInputMessage {

        @Override
        public InputStream getBody() {
            return new ByteArrayInputStream(body);
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }
    }
}
