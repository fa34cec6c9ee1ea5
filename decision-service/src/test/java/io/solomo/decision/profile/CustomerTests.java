package io.solomo.decision.profile;

import io.solomo.model.Channel;
import io.solomo.model.Language;
import io.solomo.model.LoyaltyTier;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerTests {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void quietHoursSpanMidnightInCustomerZone() {
        Customer customer = new Customer("c-1", null, LoyaltyTier.BRONZE, Language.FR, PARIS, CREATED);

        customer.changeContactSettings(Language.FR, PARIS, LocalTime.of(22, 0), LocalTime.of(7, 0));

        assertThat(customer.isQuietAt(Instant.parse("2026-12-04T21:30:00Z"))).as("22:30 in Paris").isTrue();
        assertThat(customer.isQuietAt(Instant.parse("2026-12-04T05:30:00Z"))).as("06:30 in Paris").isTrue();
        assertThat(customer.isQuietAt(Instant.parse("2026-12-04T06:30:00Z"))).as("07:30 in Paris").isFalse();
        assertThat(customer.isQuietAt(Instant.parse("2026-12-04T20:59:00Z"))).as("21:59 in Paris").isFalse();
    }

    @Test
    void absorbedSettingsFillWhatSurvivorLacks() {
        Customer survivor = Customer.anonymous("anon-1", PARIS, CREATED);
        survivor.preferChannels(List.of(Channel.SMS));
        Customer absorbed = new Customer("known-1", "Léa", LoyaltyTier.GOLD, Language.EN, ZoneId.of("UTC"),
                CREATED.plusSeconds(60));
        absorbed.preferChannels(List.of(Channel.PUSH, Channel.SMS));

        survivor.adoptSettingsOf(absorbed.settings());

        assertThat(survivor.isAnonymous()).isFalse();
        assertThat(survivor.displayName()).isEqualTo("Léa");
        assertThat(survivor.language()).isEqualTo(Language.EN);
        assertThat(survivor.preferredChannels()).containsExactly(Channel.SMS, Channel.PUSH);
        assertThat(survivor.loyaltyTier()).isEqualTo(LoyaltyTier.GOLD);
        assertThat(survivor.isOlderThan(absorbed)).isTrue();
    }

    @Test
    void knownSurvivorKeepsItsPreferences() {
        Customer survivor = new Customer("known-1", "Alice", LoyaltyTier.SILVER, Language.FR, PARIS, CREATED);
        survivor.preferChannels(List.of(Channel.PUSH, Channel.EMAIL));
        Customer absorbed = Customer.anonymous("anon-1", ZoneId.of("UTC"), CREATED.plusSeconds(60));
        absorbed.preferChannels(List.of(Channel.EMAIL));

        survivor.adoptSettingsOf(absorbed.settings());

        assertThat(survivor.preferredChannels()).containsExactly(Channel.PUSH, Channel.EMAIL);
        assertThat(survivor.displayName()).isEqualTo("Alice");
        assertThat(survivor.timeZone()).isEqualTo(PARIS);
    }
}
