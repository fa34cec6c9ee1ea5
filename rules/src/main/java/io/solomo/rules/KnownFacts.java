package io.solomo.rules;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The facts of a past contact that are known for sure, by the property names that rules use: a property that is
 * absent is unknown, and a property mapped to null was null in the facts the rules saw.
 *
 * @param contact properties of the {@code ContactContext}, such as {@code dayOfWeek} or {@code storeId}
 * @param customer properties of the {@code CustomerFacts}, such as {@code loyaltyTier}
 */
public record KnownFacts(Map<String, Object> contact, Map<String, Object> customer) {

    public KnownFacts {
        // Map.copyOf rejects null values, which stand here for a property that was null.
        contact = Collections.unmodifiableMap(new HashMap<>(contact));
        customer = Collections.unmodifiableMap(new HashMap<>(customer));
    }
}
