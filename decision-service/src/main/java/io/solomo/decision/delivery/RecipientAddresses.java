package io.solomo.decision.delivery;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
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
     * Returns the customer with this phone number.
     *
     * <p>NOTE: numbers are compared as stored, so the gateway must send them in the same E.164 form
     * ({@code +33612345678}).
     */
    Optional<String> customerWithPhone(String phone) {
        List<String> found = jdbc.queryForList("select customer_id from customer_identity "
                + "where identity_type = 'PHONE' and identity_value = ?", String.class, phone);
        return found.stream().findFirst();
    }

    private Optional<String> first(String customerId, String type) {
        List<String> found = jdbc.queryForList("select identity_value from customer_identity "
                + "where customer_id = ? and identity_type = ? order by id", String.class, customerId, type);
        return found.stream().findFirst();
    }
}
