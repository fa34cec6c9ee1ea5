package io.solomo.decision.demo;

import io.solomo.decision.offer.Campaign;
import io.solomo.decision.offer.CampaignRepository;
import io.solomo.decision.offer.CouponLifetime;
import io.solomo.decision.offer.Offer;
import io.solomo.decision.offer.OfferRepository;
import io.solomo.decision.profile.ConsentPurpose;
import io.solomo.decision.profile.ConsentStatus;
import io.solomo.decision.profile.Customer;
import io.solomo.decision.profile.CustomerRepository;
import io.solomo.decision.profile.IdentityType;
import io.solomo.decision.segment.SegmentCatalogue;
import io.solomo.decision.store.StoreCatalog;
import io.solomo.model.Channel;
import io.solomo.model.Language;
import io.solomo.model.LoyaltyTier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZoneId;
import java.util.List;

/**
 * Loads the demo data on first start when {@code solomo.demo.load-data} is true (the demo profile sets it).
 *
 * <p>{@code demo-alice} prefers push and consented to it; {@code demo-bob} prefers push too but refused it, and
 * consented to email; {@code demo-chloe} withdrew her only consent. Nothing is loaded when {@code demo-alice} exists.
 * The coupons of the offers that promise a benefit "today" end with the day of the contact. The segment
 * {@code active-advocates} is added on any start where it is missing, so that a demo database from before segments
 * gets it too.
 */
@Component
@ConditionalOnProperty(name = "solomo.demo.load-data", havingValue = "true")
class DemoDataLoader {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant OFFERS_FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant OFFERS_TO = Instant.parse("2028-01-01T00:00:00Z");

    private final CustomerRepository customers;
    private final CampaignRepository campaigns;
    private final OfferRepository offers;
    private final StoreCatalog stores;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final JdbcTemplate jdbc;

    DemoDataLoader(CustomerRepository customers, CampaignRepository campaigns, OfferRepository offers,
                   StoreCatalog stores, TransactionTemplate transaction, Clock clock, JdbcTemplate jdbc) {
        this.customers = customers;
        this.campaigns = campaigns;
        this.offers = offers;
        this.stores = stores;
        this.transaction = transaction;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationStartedEvent.class)
    void loadOnFirstStart() {
        transaction.executeWithoutResult(status -> loadSegments());
        if (customers.existsById("demo-alice")) {
            return;
        }
        stores.importGeoJson(demoStores(), "the demo store list");
        transaction.executeWithoutResult(status -> {
            loadOffers();
            loadCustomers();
        });
        log.info("Demo data loaded: stores, customers demo-alice, demo-bob and demo-chloe, six offers");
    }

    private void loadOffers() {
        Campaign welcome = campaigns.save(new Campaign("in-store-welcome", "Bienvenue en magasin",
                "In-store welcome"));
        Campaign loyalty = campaigns.save(new Campaign("loyalty-2026", "Fidélité 2026", "Loyalty 2026"));
        offers.saveAll(List.of(
                new Offer("STORE-WELCOME-10", welcome,
                        "{store} : -10 % sur vos achats aujourd'hui avec ce coupon.",
                        "{store}: 10% off your shopping today with this coupon.",
                        10, OFFERS_FROM, OFFERS_TO, null, null).withArbitration(0.2, 1.0)
                        .withCouponValidity(CouponLifetime.END_OF_DAY_TEXT),
                new Offer("GOLD-MORNING-COFFEE", loyalty,
                        "Café offert ce matin chez {store}, merci de votre fidélité !",
                        "A free coffee this morning at {store}, thank you for your loyalty!",
                        6, OFFERS_FROM, OFFERS_TO, null, "Demo Marché").withArbitration(0.3, 1.0),
                new Offer("WEEKEND-FLOWERS", loyalty,
                        "Ce week-end chez {store} : un bouquet offert dès 30 € d'achat.",
                        "This weekend at {store}: a free bouquet when you spend €30.",
                        8, OFFERS_FROM, OFFERS_TO, null, null).withArbitration(0.1, 1.0),
                new Offer("APP-LOYALTY-5EUR", loyalty,
                        "5 € offerts sur votre prochaine commande dans l'application.",
                        "€5 off your next order in the app.",
                        5, OFFERS_FROM, OFFERS_TO, null, null).withArbitration(0.15, 1.0),
                new Offer("REGULAR-THANKS", loyalty,
                        "Merci d'être un habitué de {store} : votre café est offert aujourd'hui.",
                        "Thank you for being a regular at {store}: your coffee is on us today.",
                        6, OFFERS_FROM, OFFERS_TO, null, null).withArbitration(0.4, 1.0)
                        .withCouponValidity(CouponLifetime.END_OF_DAY_TEXT),
                new Offer("ADVOCATE-THANKS", loyalty,
                        "Merci de faire connaître la marque : une surprise vous attend à votre prochain passage.",
                        "Thank you for spreading the word: a surprise awaits you on your next visit.",
                        4, OFFERS_FROM, OFFERS_TO, null, null).withArbitration(0.3, 1.0)));
    }

    private void loadCustomers() {
        Instant now = clock.instant();

        Customer alice = new Customer("demo-alice", "Alice Martin", LoyaltyTier.GOLD, Language.FR, PARIS, now);
        alice.addIdentity(IdentityType.EMAIL, "alice.martin@example.fr");
        alice.addIdentity(IdentityType.PHONE, "+33612345678");
        alice.addIdentity(IdentityType.APP_INSTALLATION, "app-install-alice-01");
        alice.preferChannels(List.of(Channel.PUSH, Channel.EMAIL));
        alice.recordConsent(ConsentPurpose.MARKETING, Channel.PUSH, ConsentStatus.GRANTED, "app-onboarding", now);
        alice.recordConsent(ConsentPurpose.MARKETING, Channel.EMAIL, ConsentStatus.GRANTED, "web-signup", now);
        alice.recordConsent(ConsentPurpose.PRECISE_LOCATION, null, ConsentStatus.GRANTED, "app-onboarding", now);

        Customer bob = new Customer("demo-bob", "Bob Durand", LoyaltyTier.SILVER, Language.EN, PARIS, now);
        bob.addIdentity(IdentityType.EMAIL, "bob.durand@example.com");
        bob.addIdentity(IdentityType.APP_INSTALLATION, "app-install-bob-01");
        bob.preferChannels(List.of(Channel.PUSH, Channel.EMAIL));
        bob.recordConsent(ConsentPurpose.MARKETING, Channel.PUSH, ConsentStatus.DENIED, "app-onboarding", now);
        bob.recordConsent(ConsentPurpose.MARKETING, Channel.EMAIL, ConsentStatus.GRANTED, "web-signup", now);
        bob.recordConsent(ConsentPurpose.PRECISE_LOCATION, null, ConsentStatus.GRANTED, "app-onboarding", now);

        Customer chloe = new Customer("demo-chloe", "Chloé Petit", LoyaltyTier.BRONZE, Language.FR, PARIS, now);
        chloe.addIdentity(IdentityType.PHONE, "+33698765432");
        chloe.preferChannels(List.of(Channel.SMS));
        chloe.recordConsent(ConsentPurpose.MARKETING, Channel.SMS, ConsentStatus.GRANTED, "store-form",
                now.minusSeconds(86_400));
        chloe.recordConsent(ConsentPurpose.MARKETING, Channel.SMS, ConsentStatus.WITHDRAWN, "sms-stop-reply", now);
        chloe.recordConsent(ConsentPurpose.PRECISE_LOCATION, null, ConsentStatus.GRANTED, "app-onboarding", now);

        customers.saveAll(List.of(alice, bob, chloe));
    }

    /**
     * Adds the brand's active advocates, who deserve recognition: an advocacy score of 50 or more and an interaction
     * less than 90 days ago.
     */
    private void loadSegments() {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        int added = jdbc.update("""
                insert into segment (segment_id, name_fr, name_en, description, conditions_json, version, created_at,
                                     updated_at)
                select 'active-advocates', 'Ambassadeurs actifs', 'Active advocates', ?, ?, 0, ?, ?
                where not exists (select 1 from segment where segment_id = 'active-advocates')""",
                "Score d'ambassadeur d'au moins 50 et une interaction il y a moins de 90 jours / Advocacy score of "
                        + "at least 50 and an interaction less than 90 days ago",
                "[{\"field\":\"advocacyScore\",\"operator\":\">=\",\"value\":50},"
                        + "{\"field\":\"daysSinceLastInteraction\",\"operator\":\"<\",\"value\":90}]",
                now, now);
        if (added > 0) {
            SegmentCatalogue.markChanged();
            log.info("Demo segment active-advocates loaded");
        }
    }

    private static byte[] demoStores() {
        try (var in = new ClassPathResource("demo/demo-stores.geojson").getInputStream()) {
            return in.readAllBytes();
        } catch (IOException missing) {
            throw new UncheckedIOException("the demo store list is missing from the jar", missing);
        }
    }
}
