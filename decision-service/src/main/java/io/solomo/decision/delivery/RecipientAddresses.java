package io.solomo.decision.delivery;

import io.solomo.decision.profile.IdentityKey;
import io.solomo.decision.profile.IdentityType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds a customer's phone number and email address among their identities, and a customer by phone number. */
@Component
class RecipientAddresses {

    private final JdbcTemplate jdbc;

    RecipientAddresses(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> phoneOf(String customerId) {
        return first(customerId, "PHONE");
    }

    Optional<String> emailOf(String customerId) {
        return first(customerId, "EMAIL");
    }

    /**
     * Returns each customer's first identity of a type, as {@link #phoneOf} and {@link #emailOf} pick it, with one
     * query for all of them. A customer without one is left out.
     */
    Map<String, String> firstOf(Collection<String> customerIds, IdentityType type) {
        Map<String, String> first = new HashMap<>();
        if (customerIds.isEmpty()) {
            return first;
        }
        List<Object> arguments = new ArrayList<>(customerIds);
        arguments.add(type.name());
        jdbc.query("select customer_id, identity_value from customer_identity where customer_id in ("
                        + String.join(", ", Collections.nCopies(customerIds.size(), "?"))
                        + ") and identity_type = ? order by id",
                (RowCallbackHandler) row -> first.putIfAbsent(row.getString(1), row.getString(2)),
                arguments.toArray());
        return first;
    }

    /**
     * Returns the customer with this phone number, as a gateway sends it: in E.164 form ({@code +33612345678}),
     * as international digits without the plus ({@code 33612345678}) or in the national form of the default phone
     * region. Stored numbers are in E.164 form, so the sender is normalised the same way first.
     */
    Optional<String> customerWithPhone(String phone) {
        List<String> forms = new ArrayList<>();
        forms.add(phone);
        if (!phone.startsWith("+") && phone.chars().allMatch(c -> Character.isDigit(c) || c == ' ')) {
            forms.add("+" + phone.replace(" ", ""));
        }
        for (String form : forms) {
            String normalised;
            try {
                normalised = IdentityKey.normalise(IdentityType.PHONE, form).value();
            } catch (IllegalArgumentException notAPhone) {
                continue;
            }
            List<String> found = jdbc.queryForList("select customer_id from customer_identity "
                    + "where identity_type = 'PHONE' and identity_value = ?", String.class, normalised);
            if (!found.isEmpty()) {
                return Optional.of(found.get(0));
            }
        }
        return Optional.empty();
    }

    private Optional<String> first(String customerId, String type) {
        List<String> found = jdbc.queryForList("select identity_value from customer_identity "
                + "where customer_id = ? and identity_type = ? order by id", String.class, customerId, type);
        return found.stream().findFirst();
    }
}
