package io.solomo.decision.loyalty;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** Runs the expiry of inactive balances every night ({@code solomo.loyalty.expiry-cron}, server time). */
@Configuration
@EnableScheduling
class LoyaltyExpirySchedule {

    private final LoyaltyProgramme loyalty;

    LoyaltyExpirySchedule(LoyaltyProgramme loyalty) {
        this.loyalty = loyalty;
    }

    @Scheduled(cron = "${solomo.loyalty.expiry-cron:0 30 3 * * *}")
    void expireInactiveBalances() {
        loyalty.expireInactive();
    }
}
