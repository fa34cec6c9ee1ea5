package io.solomo.decision.offer;

import io.solomo.decision.profile.ConsentPurpose;
import io.solomo.decision.profile.ConsentStatus;
import io.solomo.decision.profile.Customer;
import io.solomo.decision.profile.CustomerRepository;
import io.solomo.decision.ruleset.RuleSetUploads;
import io.solomo.decision.ruleset.RuleSetVersions;
import io.solomo.rules.OfferRuleCompiler;
import io.solomo.decision.support.ApiClient;
import io.solomo.decision.store.StoreCatalog;
import io.solomo.decision.support.DemoServer;
import io.solomo.model.Channel;
import io.solomo.model.Language;
import io.solomo.model.LoyaltyTier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each policy of the offer engine holding an offer back, and the explanation that says so. Runs on a database of
 * its own with strict settings; every test makes its own customer.
 */
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:contact-policy;DB_CLOSE_DELAY=-1",
        "solomo.policy.max-per-channel-per-day=2",
        "solomo.policy.max-per-channel-per-week=3",
        "solomo.policy.fatigue-budget-per-day=3",
        "solomo.policy.default-cooldown=PT2H",
        "solomo.policy.quiet-hours-start=22:00",
        "solomo.policy.quiet-hours-end=07:00",
        "solomo.policy.holdout-percent=30",
        "solomo.policy.fallback-offer-id=APP-LOYALTY-5EUR"
})
class ContactPolicyIntegrationTests extends DemoServer {

    /** Monday 7 December 2026, 10:15 in Paris. */
    private static final String MONDAY_MORNING = "2026-12-07T09:15:00Z";

    /** Monday 7 December 2026, 12:30 in Paris. */
    private static final String MONDAY_NOON = "2026-12-07T11:30:00Z";

    /** Friday 11 December 2026, 10:15 in Paris. */
    private static final String FRIDAY_MORNING = "2026-12-11T09:15:00Z";

    /** Saturday 12 December 2026, 10:15 in Paris. */
    private static final String SATURDAY_MORNING = "2026-12-12T09:15:00Z";

    @Autowired
    CustomerRepository customers;

    @Autowired
    ContactPolicy policy;

    @Autowired
    OfferRepository offers;

    @Autowired
    CampaignRepository campaigns;

    @Autowired
    StoreCatalog storeCatalog;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    OfferPropensityRepository propensities;

    @Autowired
    ObjectMapper json;

    @Autowired
    OfferVolumes volumes;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    RuleSetVersions ruleSetVersions;

    @Test
    void consentHoldsBackOffersOnRefusedChannel() {
        String customer = newCustomer(LoyaltyTier.GOLD, Channel.EMAIL);

        JsonNode decision = decide(customer, "PUSH", MONDAY_MORNING);

        assertThat(offerIds(decision)).isEmpty();
        assertThat(whyNot(decision, "STORE-WELCOME-10")).isEqualTo("Offer STORE-WELCOME-10 was not chosen because "
                + "the customer has not granted marketing consent for the PUSH channel, or has withdrawn it.");
        assertThat(whyNotInFrench(decision, "STORE-WELCOME-10")).isEqualTo("L'offre STORE-WELCOME-10 n'a pas été "
                + "retenue parce que le client n'a pas accordé de consentement marketing pour le canal PUSH, ou l'a "
                + "retiré.");
    }

    @Test
    void whyNotInAcceptedLanguage() {
        JsonNode decision = decide(newCustomer(LoyaltyTier.GOLD, Channel.EMAIL), "PUSH", MONDAY_MORNING);
        String path = "/api/v1/decisions/" + decision.get("decisionId").asString() + "/why-not/STORE-WELCOME-10";

        ApiClient.Response french = app().getAcceptingLanguage(path, "fr-FR,fr;q=0.9,en;q=0.8");
        ApiClient.Response secondChoice = app().getAcceptingLanguage(path, "de-DE, fr;q=0.5");
        ApiClient.Response english = app().getAcceptingLanguage(path, "en-GB,fr;q=0.5");
        ApiClient.Response unserved = app().getAcceptingLanguage(path, "de");
        ApiClient.Response malformed = app().getAcceptingLanguage(path, "fr;q=2");
        ApiClient.Response none = app().get(path);

        assertThat(french.status()).isEqualTo(200);
        assertThat(french.contentLanguage()).isEqualTo("fr");
        assertThat(french.json().get("explanation").asString()).startsWith("L'offre STORE-WELCOME-10 n'a pas été "
                + "retenue parce que le client n'a pas accordé");
        assertThat(secondChoice.contentLanguage()).isEqualTo("fr");
        assertThat(english.contentLanguage()).isEqualTo("en");
        assertThat(english.json().get("explanation").asString()).startsWith("Offer STORE-WELCOME-10 was not chosen");
        assertThat(unserved.contentLanguage()).isEqualTo("en");
        assertThat(malformed.status()).isEqualTo(200);
        assertThat(malformed.contentLanguage()).isEqualTo("en");
        assertThat(none.contentLanguage()).isEqualTo("en");
        assertThat(none.json().get("explanation").asString()).startsWith("Offer STORE-WELCOME-10 was not chosen");
    }

    @Test
    void dailyCapHoldsBackTheThirdOffer() {
        String customer = newCustomer(LoyaltyTier.GOLD, Channel.PUSH);
        JsonNode first = decide(customer, "PUSH", MONDAY_MORNING);

        JsonNode second = decide(customer, "PUSH", "2026-12-07T09:30:00Z");

        assertThat(offerIds(first)).containsExactly("GOLD-MORNING-COFFEE", "STORE-WELCOME-10");
        assertThat(offerIds(second)).isEmpty();
        assertThat(whyNot(second, "GOLD-MORNING-COFFEE")).contains("already had 2 offers on PUSH that day, the daily cap");
        assertThat(whyNotInFrench(second, "GOLD-MORNING-COFFEE")).isEqualTo("L'offre GOLD-MORNING-COFFEE n'a pas été "
                + "retenue parce que le client a déjà reçu 2 offres sur le canal PUSH ce jour-là, soit le plafond "
                + "quotidien.");
    }

    @Test
    void simultaneousDecisionsShareTheDailyCap() throws Exception {
        String customer = newCustomer(LoyaltyTier.GOLD, Channel.PUSH);
        ExecutorService apps = Executors.newFixedThreadPool(6);
        List<Future<JsonNode>> decisions = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            for (int i = 0; i < 6; i++) {
                decisions.add(apps.submit(() -> {
                    start.await();
                    return decide(customer, "PUSH", MONDAY_MORNING);
                }));
            }
            start.countDown();

            int offersSent = 0;
            for (Future<JsonNode> decision : decisions) {
                offersSent += offerIds(decision.get()).size();
            }
            assertThat(offersSent).isEqualTo(2);
        } finally {
            apps.shutdownNow();
        }
        assertThat(jdbc.queryForObject("select count(*) from contact where customer_id = ?", Integer.class,
                customer)).isEqualTo(2);
    }

    @Test
    void weeklyCapHoldsBackOffersLaterInTheWeek() {
        String customer = newCustomer(LoyaltyTier.GOLD, Channel.PUSH);
        decide(customer, "PUSH", MONDAY_MORNING);

        JsonNode tuesday = decide(customer, "PUSH", "2026-12-08T09:15:00Z");
        JsonNode wednesday = decide(customer, "PUSH", "2026-12-09T09:15:00Z");

        assertThat(offerIds(tuesday)).containsExactly("GOLD-MORNING-COFFEE");
        assertThat(whyNot(tuesday, "STORE-WELCOME-10")).contains("ranked below the offer chosen");
        assertThat(whyNotInFrench(tuesday, "STORE-WELCOME-10")).matches("L'offre STORE-WELCOME-10 n'a pas été "
                + "retenue parce qu'elle a été classée après l'offre retenue : sa priorité est de \\d+(,\\d+)? et celle "
                + "de l'offre retenue de \\d+(,\\d+)?\\.");
        assertThat(offerIds(wednesday)).isEmpty();
        assertThat(whyNot(wednesday, "GOLD-MORNING-COFFEE")).contains("that week, the weekly cap");
        assertThat(whyNotInFrench(wednesday, "GOLD-MORNING-COFFEE")).isEqualTo("L'offre GOLD-MORNING-COFFEE n'a pas "
                + "été retenue parce que le client a déjà reçu 3 offres sur le canal PUSH cette semaine-là, soit le "
                + "plafond hebdomadaire.");
    }

    @Test
    void cooldownHoldsBackTheSameOfferAndFallbackTakesOver() {
        String customer = newCustomer(LoyaltyTier.BRONZE, Channel.PUSH);
        JsonNode first = decide(customer, "PUSH", MONDAY_MORNING);

        JsonNode soonAfter = decide(customer, "PUSH", "2026-12-07T10:00:00Z");

        assertThat(offerIds(first)).containsExactly("STORE-WELCOME-10");
        assertThat(offerIds(soonAfter)).containsExactly("APP-LOYALTY-5EUR");
        assertThat(soonAfter.get("offers").get(0).get("reasons").get(0).asString()).isEqualTo("Fallback offer");
        assertThat(whyNot(soonAfter, "STORE-WELCOME-10")).contains("less than 2 hours before, its cooldown");
        assertThat(whyNotInFrench(soonAfter, "STORE-WELCOME-10")).isEqualTo("L'offre STORE-WELCOME-10 n'a pas été "
                + "retenue parce que son délai de carence (2 heures) n'est pas écoulé depuis qu'elle a été proposée "
                + "au client.");
    }

    @Test
    void fallbackHeldBackIsExplained() {
        String customer = newCustomer(LoyaltyTier.BRONZE, Channel.PUSH, Channel.EMAIL);
        decide(customer, "PUSH", MONDAY_MORNING);
        JsonNode fallback = decide(customer, "PUSH", "2026-12-07T09:30:00Z");

        JsonNode third = decide(customer, "EMAIL", "2026-12-07T09:45:00Z");

        assertThat(offerIds(fallback)).containsExactly("APP-LOYALTY-5EUR");
        assertThat(offerIds(third)).isEmpty();
        assertThat(whyNot(third, "APP-LOYALTY-5EUR")).isEqualTo("Offer APP-LOYALTY-5EUR was not chosen because the "
                + "customer was offered it less than 2 hours before, its cooldown.");
        assertThat(whyNotInFrench(third, "APP-LOYALTY-5EUR")).isEqualTo("L'offre APP-LOYALTY-5EUR n'a pas été retenue "
                + "parce que son délai de carence (2 heures) n'est pas écoulé depuis qu'elle a été proposée au "
                + "client.");
    }

    @Test
    void fatigueBudgetIsSharedByPushedAndPulledOffers() {
        String customer = newCustomer(LoyaltyTier.GOLD, Channel.PUSH, Channel.IN_APP, Channel.EMAIL);
        decide(customer, "PUSH", MONDAY_MORNING);
        JsonNode pulled = decideAway(customer, "IN_APP", "2026-12-07T09:20:00Z");

        JsonNode email = decideAway(customer, "EMAIL", "2026-12-07T13:00:00Z");

        assertThat(offerIds(pulled)).containsExactly("APP-LOYALTY-5EUR");
        assertThat(offerIds(email)).isEmpty();
        assertThat(whyNot(email, "APP-LOYALTY-5EUR")).contains("fatigue budget of 3 offers a day, pushed and pulled");
        assertThat(whyNotInFrench(email, "APP-LOYALTY-5EUR")).isEqualTo("L'offre APP-LOYALTY-5EUR n'a pas été retenue "
                + "parce que le budget de sollicitation du client, 3 offres par jour, poussées et consultées "
                + "confondues, est épuisé.");
    }

    @Test
    void quietHoursHoldBackPushButNotEmail() {
        String customer = newCustomer(LoyaltyTier.GOLD, Channel.PUSH, Channel.EMAIL);

        JsonNode push = decide(customer, "PUSH", "2026-12-07T22:30:00Z");
        JsonNode email = decide(customer, "EMAIL", "2026-12-07T22:30:00Z");

        assertThat(offerIds(push)).isEmpty();
        assertThat(whyNot(push, "STORE-WELCOME-10")).contains("within the brand's quiet hours 22:00 to 07:00");
        assertThat(whyNotInFrench(push, "STORE-WELCOME-10")).isEqualTo("L'offre STORE-WELCOME-10 n'a pas été retenue "
                + "parce que le contact tombe pendant les heures de silence de la marque, de 22 h à 7 h dans le "
                + "fuseau horaire du client (Europe/Paris).");
        assertThat(offerIds(email)).containsExactly("STORE-WELCOME-10");
    }

    @Test
    void customerQuietHoursHoldBackPush() {
        String customer = newCustomer(LoyaltyTier.GOLD, Channel.PUSH, Channel.EMAIL);
        ApiClient.Response changed = app().put("/api/v1/customers/" + customer + "/preferences", """
                {"channels": ["PUSH", "EMAIL"], "quietHours": {"start": "09:00", "end": "11:00"}}""");

        JsonNode push = decide(customer, "PUSH", MONDAY_MORNING);
        JsonNode email = decide(customer, "EMAIL", MONDAY_MORNING);

        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(offerIds(push)).isEmpty();
        assertThat(whyNot(push, "STORE-WELCOME-10")).contains("within the customer's own quiet hours 09:00 to 11:00");
        assertThat(whyNotInFrench(push, "STORE-WELCOME-10")).isEqualTo("L'offre STORE-WELCOME-10 n'a pas été retenue "
                + "parce que le contact tombe pendant les heures de silence choisies par le client, de 9 h à 11 h "
                + "dans son fuseau horaire (Europe/Paris).");
        assertThat(offerIds(email)).containsExactly("GOLD-MORNING-COFFEE", "STORE-WELCOME-10");
    }

    @Test
    void holdoutGroupReceivesNothingAndIsRecorded() {
        String customerId = IntStream.range(0, 1000).mapToObj(i -> "holdout-probe-" + i)
                .filter(policy::inHoldout).findFirst().orElseThrow();
        createCustomer(customerId, LoyaltyTier.GOLD, Channel.PUSH);

        JsonNode decision = decide(customerId, "PUSH", MONDAY_MORNING);

        assertThat(offerIds(decision)).isEmpty();
        assertThat(whyNot(decision, "STORE-WELCOME-10")).contains("holdout group");
        assertThat(whyNotInFrench(decision, "STORE-WELCOME-10")).isEqualTo("L'offre STORE-WELCOME-10 n'a pas été "
                + "retenue parce que le client fait partie du groupe témoin, qui ne reçoit aucune offre.");
        JsonNode stored = app().get("/api/v1/decisions/" + decision.get("decisionId").asString()).json();
        assertThat(stored.get("holdout").asBoolean()).isTrue();
    }

    @Test
    void holdoutIsDeterministicAndCloseToItsShare() {
        long inHoldout = IntStream.range(0, 10_000).mapToObj(i -> "customer-" + i).filter(policy::inHoldout).count();

        assertThat(inHoldout).isBetween(2_700L, 3_300L);
        assertThat(policy.inHoldout("customer-42")).isEqualTo(policy.inHoldout("customer-42"));
    }

    @Test
    void volumeLimitHoldsBackOfferOnceReached() {
        Offer flowers = offers.findById("WEEKEND-FLOWERS").orElseThrow();
        offers.save(flowers.withLimits(1, null, null));
        String first = newCustomer(LoyaltyTier.SILVER, Channel.PUSH);
        String second = newCustomer(LoyaltyTier.SILVER, Channel.PUSH);

        JsonNode firstSaturday = decide(first, "PUSH", "2026-12-12T09:15:00Z");
        JsonNode secondSaturday = decide(second, "PUSH", "2026-12-12T09:15:00Z");

        assertThat(offerIds(firstSaturday)).contains("WEEKEND-FLOWERS");
        assertThat(offerIds(secondSaturday)).doesNotContain("WEEKEND-FLOWERS");
        assertThat(whyNot(secondSaturday, "WEEKEND-FLOWERS")).contains("reached its volume limit of 1 contact in all");
        assertThat(whyNotInFrench(secondSaturday, "WEEKEND-FLOWERS")).isEqualTo("L'offre WEEKEND-FLOWERS n'a pas été "
                + "retenue parce qu'elle a atteint sa limite de volume de 1 contact au total.");
    }

    @Test
    void dailyVolumeLimitHoldsBackOffer() {
        Offer welcome = offers.findById("STORE-WELCOME-10").orElseThrow();
        offers.save(welcome.withLimits(null, 1, null));
        try {
            String first = newCustomer(LoyaltyTier.BRONZE, Channel.PUSH);
            String second = newCustomer(LoyaltyTier.BRONZE, Channel.PUSH);

            JsonNode firstTuesday = decide(first, "PUSH", "2026-12-15T09:15:00Z");
            JsonNode secondTuesday = decide(second, "PUSH", "2026-12-15T09:20:00Z");

            assertThat(offerIds(firstTuesday)).contains("STORE-WELCOME-10");
            assertThat(offerIds(secondTuesday)).doesNotContain("STORE-WELCOME-10");
            assertThat(whyNot(secondTuesday, "STORE-WELCOME-10"))
                    .contains("because it reached its daily volume limit of 1 contact");
            assertThat(whyNotInFrench(secondTuesday, "STORE-WELCOME-10")).isEqualTo("L'offre STORE-WELCOME-10 n'a "
                    + "pas été retenue parce qu'elle a atteint sa limite de volume quotidienne de 1 contact.");
        } finally {
            offers.save(offers.findById("STORE-WELCOME-10").orElseThrow().withLimits(null, null, null));
        }
    }

    /** In Paris, the brand's time zone here, Saturday 12 December 2026 ends at 23:00 UTC. */
    @Test
    void dailyVolumeFollowsBrandDays() {
        Offer limited = new Offer("DAILY-" + UUID.randomUUID(), null, "Offre", "Offer", 1.0,
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"), null, null)
                .withLimits(null, 1, null);
        TransactionTemplate inTransaction = new TransactionTemplate(transactions);

        boolean lateSaturday = inTransaction.execute(status -> volumes.take(limited, Instant.parse(
                "2026-12-12T22:30:00Z")));
        boolean lastMinutesOfSaturday = inTransaction.execute(status -> volumes.take(limited, Instant.parse(
                "2026-12-12T22:50:00Z")));
        boolean sundayInParis = inTransaction.execute(status -> volumes.take(limited, Instant.parse(
                "2026-12-12T23:10:00Z")));

        assertThat(lateSaturday).isTrue();
        assertThat(lastMinutesOfSaturday).isFalse();
        assertThat(sundayInParis).as("00:10 on Sunday in Paris is a new day, though still Saturday in UTC").isTrue();
        Long usedOnSaturday = inTransaction.execute(status -> volumes.usedOnDay(limited.offerId(),
                Instant.parse("2026-12-12T08:00:00Z")));
        Long usedOnSunday = inTransaction.execute(status -> volumes.usedOnDay(limited.offerId(),
                Instant.parse("2026-12-13T20:00:00Z")));
        assertThat(usedOnSaturday).isEqualTo(1L);
        assertThat(usedOnSunday).isEqualTo(1L);
    }

    @Test
    void redeemedOfferIsSuppressed() {
        String customer = newCustomer(LoyaltyTier.BRONZE, Channel.PUSH);
        JsonNode first = decide(customer, "PUSH", MONDAY_MORNING);
        jdbc.update("update coupon set redeemed_at = ? where code = ?", java.sql.Timestamp.from(Instant.now()),
                first.get("offers").get(0).get("couponCode").asString());

        JsonNode nextDay = decide(customer, "PUSH", "2026-12-08T09:15:00Z");

        assertThat(offerIds(nextDay)).doesNotContain("STORE-WELCOME-10");
        assertThat(whyNot(nextDay, "STORE-WELCOME-10")).contains("already redeemed it");
        assertThat(whyNotInFrench(nextDay, "STORE-WELCOME-10")).isEqualTo("L'offre STORE-WELCOME-10 n'a pas été "
                + "retenue parce que le client a déjà utilisé son coupon.");
    }

    @Test
    void acceptedOutcomesRaisePropensity() {
        String learner = newCustomer(LoyaltyTier.PLATINUM, Channel.PUSH);
        JsonNode before = decide(learner, "PUSH", MONDAY_MORNING);
        double priorPropensity = factor(before, "GOLD-MORNING-COFFEE", "propensity");

        for (int day = 8; day <= 11; day++) {
            String other = newCustomer(LoyaltyTier.PLATINUM, Channel.PUSH);
            JsonNode decision = decide(other, "PUSH", "2026-12-%02dT09:15:00Z".formatted(day));
            ApiClient.Response recorded = app().post("/api/v1/decisions/" + decision.get("decisionId").asString()
                    + "/outcomes", "{\"offerId\": \"GOLD-MORNING-COFFEE\", \"outcome\": \"ACCEPTED\"}");
            assertThat(recorded.status()).isEqualTo(201);
        }
        JsonNode after = decide(newCustomer(LoyaltyTier.PLATINUM, Channel.PUSH), "PUSH", MONDAY_MORNING);

        assertThat(priorPropensity).isEqualTo(0.3);
        assertThat(factor(after, "GOLD-MORNING-COFFEE", "propensity")).isEqualTo((0.3 * 20 + 4) / (20 + 4));
        assertThat(factor(after, "STORE-WELCOME-10", "propensity")).isEqualTo(0.2);
    }

    @Test
    void repeatedOutcomeIsCountedOnce() {
        JsonNode decision = decide(newCustomer(LoyaltyTier.GOLD, Channel.PUSH), "PUSH", MONDAY_MORNING);
        String path = "/api/v1/decisions/" + decision.get("decisionId").asString() + "/outcomes";
        String body = "{\"offerId\": \"STORE-WELCOME-10\", \"outcome\": \"ignored\"}";

        ApiClient.Response first = app().post(path, body);
        ApiClient.Response again = app().post(path, body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("status").asString()).isEqualTo("DUPLICATE");
    }

    @Test
    void lateRedemptionTurnsIgnoreIntoSuccess() {
        JsonNode decision = decide(newCustomer(LoyaltyTier.GOLD, Channel.PUSH), "PUSH", MONDAY_MORNING);
        String path = "/api/v1/decisions/" + decision.get("decisionId").asString() + "/outcomes";
        double[] before = outcomeCounts("STORE-WELCOME-10", "GOLD");

        ApiClient.Response ignored = app().post(path, "{\"offerId\": \"STORE-WELCOME-10\", \"outcome\": \"IGNORED\"}");
        double[] afterIgnore = outcomeCounts("STORE-WELCOME-10", "GOLD");
        ApiClient.Response redeemed = app().post(path,
                "{\"offerId\": \"STORE-WELCOME-10\", \"outcome\": \"REDEEMED\"}");
        double[] afterRedemption = outcomeCounts("STORE-WELCOME-10", "GOLD");
        ApiClient.Response accepted = app().post(path,
                "{\"offerId\": \"STORE-WELCOME-10\", \"outcome\": \"ACCEPTED\"}");
        double[] afterAcceptance = outcomeCounts("STORE-WELCOME-10", "GOLD");

        assertThat(List.of(ignored.status(), redeemed.status(), accepted.status())).containsOnly(201);
        assertThat(afterIgnore).containsExactly(before[0], before[1] + 1);
        assertThat(afterRedemption).containsExactly(before[0] + 1, before[1]);
        assertThat(afterAcceptance).containsExactly(before[0] + 1, before[1]);
    }

    @Test
    void ignoreAfterAcceptanceChangesNothing() {
        JsonNode decision = decide(newCustomer(LoyaltyTier.GOLD, Channel.PUSH), "PUSH", MONDAY_MORNING);
        String path = "/api/v1/decisions/" + decision.get("decisionId").asString() + "/outcomes";
        double[] before = outcomeCounts("GOLD-MORNING-COFFEE", "GOLD");

        app().post(path, "{\"offerId\": \"GOLD-MORNING-COFFEE\", \"outcome\": \"ACCEPTED\"}");
        ApiClient.Response ignored = app().post(path,
                "{\"offerId\": \"GOLD-MORNING-COFFEE\", \"outcome\": \"IGNORED\"}");

        assertThat(ignored.status()).isEqualTo(201);
        assertThat(outcomeCounts("GOLD-MORNING-COFFEE", "GOLD")).containsExactly(before[0] + 1, before[1]);
    }

    @Test
    void outcomeForOfferNotChosenIsRejected() {
        JsonNode decision = decide(newCustomer(LoyaltyTier.GOLD, Channel.PUSH), "PUSH", MONDAY_MORNING);

        ApiClient.Response response = app().post("/api/v1/decisions/" + decision.get("decisionId").asString()
                + "/outcomes", "{\"offerId\": \"WEEKEND-FLOWERS\", \"outcome\": \"ACCEPTED\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("offerId");
    }

    @Test
    void unknownOutcomeIsRejected() {
        JsonNode decision = decide(newCustomer(LoyaltyTier.GOLD, Channel.PUSH), "PUSH", MONDAY_MORNING);

        ApiClient.Response response = app().post("/api/v1/decisions/" + decision.get("decisionId").asString()
                + "/outcomes", "{\"offerId\": \"STORE-WELCOME-10\", \"outcome\": \"LOVED\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("outcome");
    }

    @Test
    void storedDecisionListsEveryCandidateWithItsFate() {
        String customer = newCustomer(LoyaltyTier.GOLD, Channel.PUSH);
        JsonNode decision = decide(customer, "PUSH", MONDAY_MORNING);

        JsonNode stored = app().get("/api/v1/decisions/" + decision.get("decisionId").asString()).json();

        assertThat(stored.get("customerId").asString()).isEqualTo(customer);
        assertThat(stored.get("storeId").asString()).isEqualTo("demo-maubert");
        assertThat(stored.get("rulesVersion").asString()).isNotBlank();
        assertThat(stored.get("firedRules").size()).isGreaterThanOrEqualTo(2);
        List<String> chosen = new ArrayList<>();
        stored.get("candidates").forEach(candidate -> {
            if ("CHOSEN".equals(candidate.get("status").asString())) {
                chosen.add(candidate.get("offerId").asString());
                assertThat(candidate.get("factors").get("priority").doubleValue()).isPositive();
            }
        });
        assertThat(chosen).containsExactlyInAnyOrder("GOLD-MORNING-COFFEE", "STORE-WELCOME-10");
    }

    @Test
    void offerNoRuleProposedIsExplained() {
        JsonNode decision = decide(newCustomer(LoyaltyTier.BRONZE, Channel.PUSH), "PUSH", MONDAY_MORNING);

        assertThat(whyNot(decision, "GOLD-MORNING-COFFEE"))
                .isEqualTo("Offer GOLD-MORNING-COFFEE was not chosen because no rule proposed it for this customer "
                        + "and contact. Rules of the active rule set that can propose it: \"Offer Gold and Platinum "
                        + "members a coffee at Demo Marché in the morning\" in solomo/offers/offers.drl.xlsx, sheet "
                        + "Offers, row 17. Row 17 of sheet Offers requires the loyalty tier GOLD or PLATINUM, and the "
                        + "customer's tier was BRONZE.");
        assertThat(whyNot(decision, "STORE-WELCOME-10")).isEqualTo("Offer STORE-WELCOME-10 was chosen in this decision.");
        assertThat(whyNotInFrench(decision, "GOLD-MORNING-COFFEE")).isEqualTo("L'offre GOLD-MORNING-COFFEE n'a pas été "
                + "retenue parce qu'aucune règle ne l'a proposée pour ce client et ce contact. Règles du jeu de "
                + "règles actif qui peuvent la proposer : « Offer Gold and Platinum members a coffee at Demo Marché "
                + "in the morning » dans solomo/offers/offers.drl.xlsx, feuille Offers, ligne 17. La ligne 17 de la "
                + "feuille Offers demande le niveau de fidélité GOLD ou PLATINUM, et le niveau du client était "
                + "BRONZE.");
        assertThat(whyNotInFrench(decision, "STORE-WELCOME-10")).isEqualTo("L'offre STORE-WELCOME-10 a été retenue "
                + "dans cette décision.");
    }

    @Test
    void validityDatesReadInStoreTimeZone() {
        JsonNode decision = decide(newCustomer(LoyaltyTier.BRONZE, Channel.EMAIL), "EMAIL", "2025-06-06T08:15:00Z");

        assertThat(whyNot(decision, "STORE-WELCOME-10")).isEqualTo("Offer STORE-WELCOME-10 was not chosen because "
                + "it is valid from 1 January 2026 to 1 January 2028, not on 6 June 2025 at 10:15.");
        assertThat(whyNotInFrench(decision, "STORE-WELCOME-10")).isEqualTo("L'offre STORE-WELCOME-10 n'a pas été "
                + "retenue parce qu'elle n'est valable que du 1er janvier 2026 au 1er janvier 2028, pas le 6 juin "
                + "2025 à 10 h 15.");
    }

    @Test
    void validityDatesAwayReadInCustomerTimeZone() {
        String customer = newCustomer(LoyaltyTier.BRONZE, Channel.EMAIL);
        ApiClient.Response changed = app().put("/api/v1/customers/" + customer + "/preferences", """
                {"timeZone": "America/Toronto"}""");

        JsonNode decision = decideAway(customer, "EMAIL", "2025-06-06T08:15:00Z");

        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(whyNot(decision, "APP-LOYALTY-5EUR")).isEqualTo("Offer APP-LOYALTY-5EUR was not chosen because "
                + "it is valid from 31 December 2025 to 31 December 2027, not on 6 June 2025 at 04:15.");
        assertThat(whyNotInFrench(decision, "APP-LOYALTY-5EUR")).isEqualTo("L'offre APP-LOYALTY-5EUR n'a pas été "
                + "retenue parce qu'elle n'est valable que du 31 décembre 2025 au 31 décembre 2027, pas le 6 juin "
                + "2025 à 4 h 15.");
    }

    @Test
    void whyNotNamesRulesThatCanPropose() {
        JsonNode decision = decide(newCustomer(LoyaltyTier.BRONZE, Channel.EMAIL), "EMAIL", MONDAY_MORNING);

        assertThat(whyNot(decision, "REGULAR-THANKS")).isEqualTo("Offer REGULAR-THANKS was not chosen because no rule "
                + "proposed it for this customer and contact. Rules of the active rule set that can propose it: "
                + "\"Thank the regular of a store with a dedicated offer\" in solomo/offers/recognition.drl. The rule "
                + "\"Thank the regular of a store with a dedicated offer\" requires a regular customer of the store, and "
                + "the customer was not a regular of the store demo-maubert.");
        assertThat(whyNotInFrench(decision, "REGULAR-THANKS")).endsWith(" dans solomo/offers/recognition.drl. La règle "
                + "« Thank the regular of a store with a dedicated offer » demande un client habitué du magasin, et le "
                + "client n'était pas un habitué du magasin demo-maubert.");
        assertThat(whyNot(decision, "WEEKEND-FLOWERS")).isEqualTo("Offer WEEKEND-FLOWERS was not chosen because no "
                + "rule proposed it for this customer and contact. Rules of the active rule set that can propose it: "
                + "\"Offer Silver, Gold and Platinum members flowers in store at the weekend\" in "
                + "solomo/offers/offers.drl.xlsx, sheet Offers, row 18. Row 18 of sheet Offers requires the loyalty "
                + "tier SILVER, GOLD or PLATINUM, and the customer's tier was BRONZE. It also requires the day "
                + "SATURDAY or SUNDAY, and the contact was on a MONDAY.");
        assertThat(whyNotInFrench(decision, "WEEKEND-FLOWERS")).isEqualTo("L'offre WEEKEND-FLOWERS n'a pas été "
                + "retenue parce qu'aucune règle ne l'a proposée pour ce client et ce contact. Règles du jeu de règles "
                + "actif qui peuvent la proposer : « Offer Silver, Gold and Platinum members flowers in store at the "
                + "weekend » dans solomo/offers/offers.drl.xlsx, feuille Offers, ligne 18. La ligne 18 de la feuille "
                + "Offers demande le niveau de fidélité SILVER, GOLD ou PLATINUM, et le niveau du client était "
                + "BRONZE. De plus, elle demande le jour SAMEDI ou DIMANCHE, et le contact était un LUNDI.");
    }

    @Test
    void whyNotGivesUnmetDayOnFriday() {
        JsonNode decision = decide(newCustomer(LoyaltyTier.GOLD, Channel.EMAIL), "EMAIL", FRIDAY_MORNING);

        assertThat(whyNot(decision, "WEEKEND-FLOWERS")).isEqualTo("Offer WEEKEND-FLOWERS was not chosen because no "
                + "rule proposed it for this customer and contact. Rules of the active rule set that can propose it: "
                + "\"Offer Silver, Gold and Platinum members flowers in store at the weekend\" in "
                + "solomo/offers/offers.drl.xlsx, sheet Offers, row 18. Row 18 of sheet Offers requires the day "
                + "SATURDAY or SUNDAY, and the contact was on a FRIDAY.");
        assertThat(whyNotInFrench(decision, "WEEKEND-FLOWERS")).isEqualTo("L'offre WEEKEND-FLOWERS n'a pas été "
                + "retenue parce qu'aucune règle ne l'a proposée pour ce client et ce contact. Règles du jeu de règles "
                + "actif qui peuvent la proposer : « Offer Silver, Gold and Platinum members flowers in store at the "
                + "weekend » dans solomo/offers/offers.drl.xlsx, feuille Offers, ligne 18. La ligne 18 de la feuille "
                + "Offers demande le jour SAMEDI ou DIMANCHE, et le contact était un VENDREDI.");
    }

    @Test
    void whyNotGivesUnmetStoreAndHours() {
        JsonNode decision = decideAway(newCustomer(LoyaltyTier.GOLD, Channel.EMAIL), "EMAIL", MONDAY_NOON);
        String rules = "Rules of the active rule set that can propose it: ";
        String reglesFr = "Règles du jeu de règles actif qui peuvent la proposer : ";

        assertThat(whyNot(decision, "GOLD-MORNING-COFFEE")).endsWith(", sheet Offers, row 17. Row 17 of sheet Offers "
                + "requires the store chain Demo Marché, and the contact was away from stores. It also requires a "
                + "contact at a store, and the contact was away from stores. It also requires a contact from 07:00 "
                + "to 10:59, and the contact was at 12:30.");
        assertThat(whyNotInFrench(decision, "GOLD-MORNING-COFFEE")).endsWith(", feuille Offers, ligne 17. La ligne 17 "
                + "de la feuille Offers demande l'enseigne Demo Marché, et le contact a eu lieu hors magasin. De plus, "
                + "elle demande un contact en magasin, et le contact a eu lieu hors magasin. De plus, elle demande un "
                + "contact de 7 h à 10 h 59, et le contact a eu lieu à 12 h 30.");
        assertThat(whyNot(decision, "STORE-WELCOME-10")).contains(rules).endsWith(", sheet Offers, row 16. Row 16 of "
                + "sheet Offers requires a contact at a store, and the contact was away from stores.");
        assertThat(whyNotInFrench(decision, "STORE-WELCOME-10")).contains(reglesFr).endsWith(", feuille Offers, "
                + "ligne 16. La ligne 16 de la feuille Offers demande un contact en magasin, et le contact a eu lieu "
                + "hors magasin.");
    }

    @Test
    void whyNotUsesStoredContactFactsAfterStoreReimport() {
        JsonNode decision = decide(newCustomer(LoyaltyTier.GOLD, Channel.EMAIL), "EMAIL", FRIDAY_MORNING);
        storeCatalog.importGeoJson(demoStore("demo-maubert"), "test");
        String unmetDay = "Row 18 of sheet Offers requires the day SATURDAY or SUNDAY, and the contact was on a FRIDAY.";

        // The decision stored the store's chain and time zone it used, so the import changes nothing.
        assertThat(whyNot(decision, "WEEKEND-FLOWERS")).endsWith(unmetDay);

        // A decision stored without its facts takes them from the store catalogue. After the import, the catalogue
        // cannot tell whether the store had the same chain and time zone at the time, so the day is left out.
        jdbc.update("update decision_record set facts_json = null where decision_id = ?",
                decision.get("decisionId").asString());
        assertThat(whyNot(decision, "WEEKEND-FLOWERS")).endsWith("\"Offer Silver, Gold and Platinum members flowers "
                + "in store at the weekend\" in solomo/offers/offers.drl.xlsx, sheet Offers, row 18.");
        assertThat(whyNotInFrench(decision, "WEEKEND-FLOWERS")).endsWith("« Offer Silver, Gold and Platinum members "
                + "flowers in store at the weekend » dans solomo/offers/offers.drl.xlsx, feuille Offers, ligne 18.");
    }

    @Test
    void whyNotGivesUnmetTierOnSaturday() {
        JsonNode decision = decide(newCustomer(LoyaltyTier.BRONZE, Channel.EMAIL), "EMAIL", SATURDAY_MORNING);

        assertThat(whyNot(decision, "WEEKEND-FLOWERS")).endsWith("\"Offer Silver, Gold and Platinum members flowers "
                + "in store at the weekend\" in solomo/offers/offers.drl.xlsx, sheet Offers, row 18. Row 18 of sheet "
                + "Offers requires the loyalty tier SILVER, GOLD or PLATINUM, and the customer's tier was BRONZE.");
        assertThat(whyNotInFrench(decision, "WEEKEND-FLOWERS")).endsWith("« Offer Silver, Gold and Platinum members "
                + "flowers in store at the weekend » dans solomo/offers/offers.drl.xlsx, feuille Offers, ligne 18. La "
                + "ligne 18 de la feuille Offers demande le niveau de fidélité SILVER, GOLD ou PLATINUM, et le niveau "
                + "du client était BRONZE.");
    }

    @Test
    void whyNotGivesUnmetAdvocacyScore() {
        JsonNode decision = decide(newCustomer(LoyaltyTier.GOLD, Channel.EMAIL), "EMAIL", MONDAY_MORNING);

        assertThat(whyNot(decision, "ADVOCATE-THANKS")).endsWith(" in solomo/offers/recognition.drl. The rule "
                + "\"Recognise an active advocate with a thank-you offer\" requires the advocacy score to be at least "
                + "50, and it was 0.");
        assertThat(whyNotInFrench(decision, "ADVOCATE-THANKS")).endsWith(" dans solomo/offers/recognition.drl. La "
                + "règle « Recognise an active advocate with a thank-you offer » demande que le score de "
                + "recommandation soit d'au moins 50, et il était de 0.");
    }

    @Test
    void whyNotLeavesOutCustomerWithoutStoredFacts() {
        JsonNode decision = decide(newCustomer(LoyaltyTier.GOLD, Channel.EMAIL), "EMAIL", MONDAY_MORNING);
        jdbc.update("update decision_record set facts_json = null where decision_id = ?",
                decision.get("decisionId").asString());

        assertThat(whyNot(decision, "ADVOCATE-THANKS")).endsWith("\"Recognise an active advocate with a thank-you "
                + "offer\" in solomo/offers/recognition.drl.");
        assertThat(whyNotInFrench(decision, "ADVOCATE-THANKS")).endsWith("« Recognise an active advocate with a "
                + "thank-you offer » dans solomo/offers/recognition.drl.");
    }

    @Test
    void whyNotNamesUnmetSegmentAndCategory() {
        Campaign campaign = campaigns.findById("loyalty-2026").orElseThrow();
        List<String> offerIds = List.of("ADVOCATE-TABLE", "RETIRED-SEGMENT", "GARDEN-TOOLS");
        for (String offerId : offerIds) {
            offers.save(new Offer(offerId, campaign, "Pour un segment", "For a segment", 1,
                    Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2028-01-01T00:00:00Z"), null, null));
        }
        try {
            activate(segmentAndCategoryRules());
            JsonNode decision = decide(newCustomer(LoyaltyTier.GOLD, Channel.EMAIL), "EMAIL", MONDAY_MORNING);

            assertThat(whyNot(decision, "ADVOCATE-TABLE")).isEqualTo("Offer ADVOCATE-TABLE was not chosen because no "
                    + "rule proposed it for this customer and contact. Rules of the active rule set that can propose "
                    + "it: \"Thank an advocate\" in solomo/offers/segments.drl.csv, row 9. Row 9 of "
                    + "solomo/offers/segments.drl.csv requires the customer to be in segment \"Active advocates\", "
                    + "and they were not.");
            assertThat(whyNotInFrench(decision, "ADVOCATE-TABLE")).isEqualTo("L'offre ADVOCATE-TABLE n'a pas été "
                    + "retenue parce qu'aucune règle ne l'a proposée pour ce client et ce contact. Règles du jeu de "
                    + "règles actif qui peuvent la proposer : « Thank an advocate » dans solomo/offers/segments.drl.csv, "
                    + "ligne 9. La ligne 9 de solomo/offers/segments.drl.csv demande que le client fasse partie du "
                    + "segment « Ambassadeurs actifs », ce qui n'était pas le cas.");
            // No segment has this id, as after a segment is removed, so the sentence names it by its id.
            assertThat(whyNot(decision, "RETIRED-SEGMENT")).endsWith(" requires the customer to be in segment "
                    + "\"retired-buyers\", and they were not.");
            assertThat(whyNotInFrench(decision, "RETIRED-SEGMENT")).endsWith(" demande que le client fasse partie du "
                    + "segment « retired-buyers », ce qui n'était pas le cas.");
            assertThat(whyNot(decision, "GARDEN-TOOLS")).endsWith(" in solomo/offers/gardening.drl. The rule \"Offer "
                    + "garden tools to gardeners\" requires \"garden\" among the customer's favourite categories, "
                    + "and the customer had none.");
            assertThat(whyNotInFrench(decision, "GARDEN-TOOLS")).endsWith(" dans solomo/offers/gardening.drl. La règle "
                    + "« Offer garden tools to gardeners » demande « garden » parmi les catégories préférées du client, "
                    + "qui n'en avait aucune.");

            // A decision stored before segments existed has no segments in its facts, so they are unknown, not empty.
            jdbc.update("update decision_record set facts_json = regexp_replace(facts_json, ',\"segments\":\\[[^]]*]', "
                    + "'') where decision_id = ?", decision.get("decisionId").asString());
            assertThat(whyNot(decision, "ADVOCATE-TABLE")).endsWith("\"Thank an advocate\" in "
                    + "solomo/offers/segments.drl.csv, row 9.");
        } finally {
            ruleSetVersions.activate("offers", 1, "test");
            offerIds.forEach(offers::deleteById);
        }
    }

    @Test
    void whyNotSaysNoRuleProposesOffer() {
        Campaign campaign = campaigns.findById("loyalty-2026").orElseThrow();
        offers.save(new Offer("NO-RULE-OFFER", campaign, "Sans règle", "Without a rule", 1,
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2028-01-01T00:00:00Z"), null, null));
        try {
            JsonNode decision = decide(newCustomer(LoyaltyTier.BRONZE, Channel.EMAIL), "EMAIL", MONDAY_MORNING);

            assertThat(whyNot(decision, "NO-RULE-OFFER")).isEqualTo("Offer NO-RULE-OFFER was not chosen because no "
                    + "rule of the active rule set proposes it.");
            assertThat(whyNotInFrench(decision, "NO-RULE-OFFER")).isEqualTo("L'offre NO-RULE-OFFER n'a pas été "
                    + "retenue parce qu'aucune règle du jeu de règles actif ne la propose.");
        } finally {
            offers.deleteById("NO-RULE-OFFER");
        }
    }

    @Test
    void timeZoneOffsetIsRejected() {
        String customer = newCustomer(LoyaltyTier.GOLD, Channel.PUSH);

        for (String offset : List.of("+02:00", "UTC+2", "GMT+01:00")) {
            ApiClient.Response changed = app().put("/api/v1/customers/" + customer + "/preferences", """
                    {"timeZone": "%s"}""".formatted(offset));

            assertThat(changed.status()).as(offset + ": " + changed.text()).isEqualTo(400);
            assertThat(changed.json().get("field").asString()).isEqualTo("timeZone");
            assertThat(changed.json().get("value").asString()).isEqualTo(offset);
            assertThat(changed.json().get("detail").asString()).isEqualTo("timeZone must be an IANA time zone id "
                    + "such as Europe/Paris, not an offset such as +02:00");
        }
        ApiClient.Response iana = app().put("/api/v1/customers/" + customer + "/preferences", """
                {"timeZone": "America/Toronto"}""");
        assertThat(iana.status()).as(iana.text()).isEqualTo(200);
    }

    @Test
    void storedDecisionGivesReasonInBothLanguages() {
        JsonNode decision = decide(newCustomer(LoyaltyTier.GOLD, Channel.EMAIL), "PUSH", MONDAY_MORNING);

        JsonNode stored = app().get("/api/v1/decisions/" + decision.get("decisionId").asString()).json();

        JsonNode welcome = candidate(stored, "STORE-WELCOME-10");
        assertThat(welcome.get("reason").asString()).isEqualTo("the customer has not granted marketing consent for "
                + "the PUSH channel, or has withdrawn it");
        assertThat(welcome.get("reasonFr").asString()).isEqualTo("le client n'a pas accordé de consentement "
                + "marketing pour le canal PUSH, ou l'a retiré");
    }

    @Test
    void englishOnlyDecisionExplainedInFrench() {
        JsonNode decision = decide(newCustomer(LoyaltyTier.GOLD, Channel.EMAIL), "PUSH", MONDAY_MORNING);
        String decisionId = decision.get("decisionId").asString();
        String candidates = jdbc.queryForObject("select candidates_json from decision_record where decision_id = ?",
                String.class, decisionId);
        JsonNode reports = json.readTree(candidates);
        reports.forEach(report -> ((ObjectNode) report).remove("reasonFr"));
        String englishOnly = json.writeValueAsString(reports);
        jdbc.update("update decision_record set candidates_json = ? where decision_id = ?", englishOnly, decisionId);

        String french = whyNotInFrench(decision, "STORE-WELCOME-10");

        assertThat(englishOnly).doesNotContain("reasonFr");
        assertThat(french).isEqualTo("L'offre STORE-WELCOME-10 n'a pas été retenue ; sa raison n'a été enregistrée "
                + "qu'en anglais : the customer has not granted marketing consent for the PUSH channel, or has "
                + "withdrawn it.");
        assertThat(whyNot(decision, "STORE-WELCOME-10")).isEqualTo("Offer STORE-WELCOME-10 was not chosen because "
                + "the customer has not granted marketing consent for the PUSH channel, or has withdrawn it.");
    }

    @Test
    void unknownDecisionIsNotFound() {
        ApiClient.Response response = app().get("/api/v1/decisions/no-such-decision");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("field").asString()).isEqualTo("decisionId");
    }

    /** Uploads the rule files as a new version of the offers rule set and activates it through the API. */
    private void activate(Map<String, byte[]> files) {
        HttpResponse<String> uploaded = RuleSetUploads.upload(port, "analyst", "/api/v1/rulesets/offers/versions",
                files);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        int version = json.readTree(uploaded.body()).get("version").asInt();
        ApiClient.Response activated = ApiClient.on(port).as("analyst", PASSWORD)
                .post("/api/v1/rulesets/offers/versions/" + version + "/activate", "");
        assertThat(activated.status()).as(activated.text()).isEqualTo(200);
    }

    /**
     * Returns the bundled rules with a decision table whose rows target the demo segment active-advocates and a
     * segment id that no segment has, and a DRL rule that targets a favourite category.
     */
    private static Map<String, byte[]> segmentAndCategoryRules() {
        Map<String, byte[]> files = new LinkedHashMap<>(OfferRuleCompiler.bundledFiles());
        files.put("solomo/offers/segments.drl.csv", String.join("\n",
                "RuleSet,solomo.offers",
                "Import,\"io.solomo.model.offer.ContactContext, io.solomo.model.offer.CustomerFacts, "
                        + "io.solomo.model.offer.OfferCandidate\"",
                "",
                "RuleTable Offers by segment",
                "NAME,CONDITION,CONDITION,ACTION",
                ",CustomerFacts,$context : ContactContext,",
                ",\"segments contains \"\"$param\"\"\",atStore,"
                        + "\"insert(new OfferCandidate(\"\"$param\"\", 1.0, $context.getStoreId(), "
                        + "drools.getRule().getName()));\"",
                "Rule,Segment,At a store,Offer",
                "Thank an advocate,active-advocates,true,ADVOCATE-TABLE",
                "Win back a retired segment,retired-buyers,true,RETIRED-SEGMENT",
                "").getBytes(StandardCharsets.UTF_8));
        files.put("solomo/offers/gardening.drl", String.join("\n",
                "package solomo.offers;",
                "import io.solomo.model.offer.ContactContext;",
                "import io.solomo.model.offer.CustomerFacts;",
                "import io.solomo.model.offer.OfferCandidate;",
                "rule \"Offer garden tools to gardeners\"",
                "when",
                "    CustomerFacts( favouriteCategories contains \"garden\" )",
                "    $context : ContactContext()",
                "then",
                "    insert( new OfferCandidate( \"GARDEN-TOOLS\", 1.0, $context.getStoreId(),"
                        + " drools.getRule().getName() ) );",
                "end",
                "").getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private JsonNode decide(String customerId, String channel, String at) {
        ApiClient.Response response = app().post("/api/v1/decisions", """
                {"customerId": "%s", "channel": "%s", "storeId": "demo-maubert", "at": "%s"}"""
                .formatted(customerId, channel, at));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json();
    }

    private JsonNode decideAway(String customerId, String channel, String at) {
        ApiClient.Response response = app().post("/api/v1/decisions", """
                {"customerId": "%s", "channel": "%s", "at": "%s"}""".formatted(customerId, channel, at));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json();
    }

    private String whyNot(JsonNode decision, String offerId) {
        return app().get("/api/v1/decisions/" + decision.get("decisionId").asString() + "/why-not/" + offerId)
                .json().get("explanation").asString();
    }

    private String whyNotInFrench(JsonNode decision, String offerId) {
        ApiClient.Response response = app().getAcceptingLanguage("/api/v1/decisions/"
                + decision.get("decisionId").asString() + "/why-not/" + offerId, "fr-FR");
        assertThat(response.contentLanguage()).isEqualTo("fr");
        return response.json().get("explanation").asString();
    }

    /** Returns a GeoJSON FeatureCollection of the demo store with this id, as the demo profile imports it. */
    private byte[] demoStore(String storeId) {
        try (InputStream in = getClass().getResourceAsStream("/demo/demo-stores.geojson")) {
            ObjectNode stores = (ObjectNode) json.readTree(in);
            ArrayNode matching = json.createArrayNode();
            stores.get("features").forEach(feature -> {
                if (storeId.equals(feature.get("id").asString())) {
                    matching.add(feature);
                }
            });
            assertThat(matching).hasSize(1);
            stores.set("features", matching);
            return json.writeValueAsBytes(stores);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private static JsonNode candidate(JsonNode storedDecision, String offerId) {
        for (JsonNode candidate : storedDecision.get("candidates")) {
            if (offerId.equals(candidate.get("offerId").asString())) {
                return candidate;
            }
        }
        throw new AssertionError(offerId + " is not among the candidates of " + storedDecision);
    }

    private static List<String> offerIds(JsonNode decision) {
        List<String> ids = new ArrayList<>();
        decision.get("offers").forEach(offer -> ids.add(offer.get("offerId").asString()));
        return ids;
    }

    private static double factor(JsonNode decision, String offerId, String factor) {
        for (JsonNode offer : decision.get("offers")) {
            if (offerId.equals(offer.get("offerId").asString())) {
                return offer.get("factors").get(factor).doubleValue();
            }
        }
        throw new AssertionError(offerId + " is not among the offers of " + decision);
    }

    /** Returns the stored successes and failures of an offer in a segment, zeros before its first outcome. */
    private double[] outcomeCounts(String offerId, String segment) {
        return propensities.findById(new OfferPropensity.Key(offerId, segment))
                .map(counts -> new double[] {counts.successes(), counts.failures()})
                .orElse(new double[] {0, 0});
    }

    private String newCustomer(LoyaltyTier tier, Channel... consented) {
        String customerId = "policy-" + UUID.randomUUID();
        while (policy.inHoldout(customerId)) {
            customerId = "policy-" + UUID.randomUUID();
        }
        createCustomer(customerId, tier, consented);
        return customerId;
    }

    private void createCustomer(String customerId, LoyaltyTier tier, Channel... consented) {
        Customer customer = new Customer(customerId, null, tier, Language.FR, ZoneId.of("Europe/Paris"),
                Instant.parse("2026-01-01T00:00:00Z"));
        customer.preferChannels(List.of(consented));
        for (Channel channel : consented) {
            customer.recordConsent(ConsentPurpose.MARKETING, channel, ConsentStatus.GRANTED, "test",
                    Instant.parse("2026-01-01T00:00:00Z"));
        }
        customers.save(customer);
    }
}
