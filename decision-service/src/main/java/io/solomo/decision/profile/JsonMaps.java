package io.solomo.decision.profile;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/** JSON text columns holding a small map of derived counters, such as visits per store. */
final class JsonMaps {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    // Readers built once: resolving the generic map type on every call showed up in profiles of the interaction load.
    private static final ObjectReader COUNTS = JSON.readerFor(new TypeReference<Map<String, Long>>() { });
    private static final ObjectReader AMOUNTS = JSON.readerFor(new TypeReference<Map<String, BigDecimal>>() { });

    private JsonMaps() {
    }

    /** Visits per store id. */
    @Converter
    static final class Counts implements AttributeConverter<Map<String, Long>, String> {

        @Override
        public String convertToDatabaseColumn(Map<String, Long> counts) {
            return JSON.writeValueAsString(counts == null ? Map.of() : counts);
        }

        @Override
        public Map<String, Long> convertToEntityAttribute(String json) {
            if (json == null || json.isBlank()) {
                return new TreeMap<>();
            }
            return new TreeMap<>(COUNTS.<Map<String, Long>>readValue(json));
        }
    }

    /** Amounts spent per product category. */
    @Converter
    static final class Amounts implements AttributeConverter<Map<String, BigDecimal>, String> {

        @Override
        public String convertToDatabaseColumn(Map<String, BigDecimal> amounts) {
            return JSON.writeValueAsString(amounts == null ? Map.of() : amounts);
        }

        @Override
        public Map<String, BigDecimal> convertToEntityAttribute(String json) {
            if (json == null || json.isBlank()) {
                return new TreeMap<>();
            }
            return new TreeMap<>(AMOUNTS.<Map<String, BigDecimal>>readValue(json));
        }
    }
}
