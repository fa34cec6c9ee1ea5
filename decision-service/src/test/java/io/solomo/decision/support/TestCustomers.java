package io.solomo.decision.support;

import io.solomo.decision.profile.ConsentPurpose;
import io.solomo.decision.profile.ConsentStatus;
import io.solomo.decision.profile.Customer;
import io.solomo.decision.profile.CustomerRepository;
import io.solomo.model.Channel;
import io.solomo.model.Language;
import io.solomo.model.LoyaltyTier;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** Customers that tests create in the server's database. */
public final class TestCustomers {

    private TestCustomers() {
    }

    /**
     * Stores a new French bronze customer in Paris who prefers push and granted marketing on it a minute ago, and
     * returns the id: {@code idPrefix} followed by a random UUID.
     */
    public static String pushCustomer(CustomerRepository customers, TransactionTemplate transaction,
                                      String idPrefix) {
        String customerId = idPrefix + UUID.randomUUID();
        transaction.executeWithoutResult(status -> {
            Customer customer = new Customer(customerId, "Test " + idPrefix, LoyaltyTier.BRONZE, Language.FR,
                    ZoneId.of("Europe/Paris"), Instant.now());
            customer.preferChannels(List.of(Channel.PUSH));
            customer.recordConsent(ConsentPurpose.MARKETING, Channel.PUSH, ConsentStatus.GRANTED, "test",
                    Instant.now().minusSeconds(60));
            customers.save(customer);
        });
        return customerId;
    }
}
