package io.solomo.decision.profile;

import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.NotFoundException;
import io.solomo.model.Channel;
import io.solomo.model.Language;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/** Reads profiles and changes their preferences and consents, following merges from absorbed ids. */
@Service
class CustomerProfiles {

    private static final Logger log = LoggerFactory.getLogger(CustomerProfiles.class);

    private final CustomerDirectory directory;
    private final CustomerMergeRepository merges;
    /** How far ahead of the server clock a consent decision may be dated, for clocks slightly out of step. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private final Clock clock;
    private final CustomerFactsAssembler facts;

    CustomerProfiles(CustomerDirectory directory, CustomerMergeRepository merges, Clock clock,
                     CustomerFactsAssembler facts) {
        this.directory = directory;
        this.merges = merges;
        this.clock = clock;
        this.facts = facts;
    }

    @Transactional(readOnly = true)
    ProfileView profile(String customerId) {
        Customer customer = find(customerId);
        return ProfileView.of(customer, merges.findBySurvivorIdOrderByMergedAtAscIdAsc(customer.customerId()),
                clock.instant(), facts.segmentsOf(customer));
    }

    @Transactional(readOnly = true)
    ProfileView.PreferencesView preferences(String customerId) {
        return ProfileView.PreferencesView.of(find(customerId));
    }

    @Transactional(readOnly = true)
    ProfileView.ConsentsView consents(String customerId) {
        return ProfileView.ConsentsView.of(find(customerId));
    }

    /** Replaces the preferences that the change names; null fields keep their value. */
    @Transactional
    ProfileView.PreferencesView changePreferences(String customerId, PreferenceChange change) {
        Customer customer = find(customerId);
        if (change.channels() != null) {
            customer.preferChannels(change.channels());
        }
        LocalTime quietStart = change.quietHoursChanged() ? change.quietHoursStart() : customer.quietHoursStart();
        LocalTime quietEnd = change.quietHoursChanged() ? change.quietHoursEnd() : customer.quietHoursEnd();
        customer.changeContactSettings(change.language() == null ? customer.language() : change.language(),
                change.timeZone() == null ? customer.timeZone() : change.timeZone(), quietStart, quietEnd);
        customer.touch(clock.instant());
        log.info("Preferences of customer {} changed", customer.customerId());
        return ProfileView.PreferencesView.of(customer);
    }

    /** Appends a consent decision to the history; {@code recordedAt} null means now. */
    @Transactional
    ProfileView.ConsentsView recordConsent(String customerId, ConsentPurpose purpose, Channel channel,
                                           ConsentStatus status, String source, Instant recordedAt) {
        Instant now = clock.instant();
        // The latest decision by its recordedAt is the one in force, so a date ahead of the clock would outrank every
        // later decision, such as an SMS STOP.
        if (recordedAt != null && recordedAt.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            throw new InvalidFieldException("recordedAt", recordedAt.toString(), "recordedAt " + recordedAt
                    + " is in the future of the server clock by more than " + MAX_CLOCK_SKEW.toMinutes()
                    + " minutes; send the time the customer made the decision");
        }
        Customer customer = find(customerId);
        customer.recordConsent(purpose, channel, status, source, recordedAt == null ? now : recordedAt);
        customer.touch(now);
        log.info("Consent {} {} of customer {} recorded as {} from {}", purpose, channel, customer.customerId(),
                status, source);
        return ProfileView.ConsentsView.of(customer);
    }

    private Customer find(String customerId) {
        return directory.find(customerId)
                .orElseThrow(() -> new NotFoundException("customer", "customerId", customerId));
    }

    /**
     * A change of preferences; a null field keeps the current value. Quiet hours change only when
     * {@code quietHoursChanged} is true, and both ends null then remove them.
     */
    record PreferenceChange(List<Channel> channels, Language language, ZoneId timeZone, boolean quietHoursChanged,
                            LocalTime quietHoursStart, LocalTime quietHoursEnd) {
    }
}
