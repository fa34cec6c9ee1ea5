package io.solomo.decision.delivery;

import io.solomo.decision.profile.ConsentPurpose;
import io.solomo.decision.profile.ConsentStatus;
import io.solomo.decision.profile.CustomerDirectory;
import io.solomo.model.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;

/** Withdraws a customer's marketing consent on one channel, from an SMS STOP reply or an unsubscribe link. */
@Component
class ConsentWithdrawal {

    private static final Logger log = LoggerFactory.getLogger(ConsentWithdrawal.class);

    private final CustomerDirectory customers;
    private final Clock clock;

    ConsentWithdrawal(CustomerDirectory customers, Clock clock) {
        this.customers = customers;
        this.clock = clock;
    }

    /** Returns false when no customer has this id; the id of a merged profile reaches its survivor. */
    @Transactional
    boolean withdraw(String customerId, Channel channel, String source) {
        return customers.find(customerId).map(customer -> {
            customer.recordConsent(ConsentPurpose.MARKETING, channel, ConsentStatus.WITHDRAWN, source,
                    clock.instant());
            log.info("Customer {} withdrew marketing consent for {} by {}", customer.customerId(), channel, source);
            return true;
        }).orElse(false);
    }
}
