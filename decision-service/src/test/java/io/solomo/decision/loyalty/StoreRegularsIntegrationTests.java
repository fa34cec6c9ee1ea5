package io.solomo.decision.loyalty;

import io.solomo.decision.profile.ConsentPurpose;
import io.solomo.decision.profile.ConsentStatus;
import io.solomo.decision.profile.Customer;
import io.solomo.decision.profile.CustomerRepository;
import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import io.solomo.model.Channel;
import io.solomo.model.Language;
import io.solomo.model.LoyaltyTier;
import io.solomo.model.location.StoreEntered;
import io.solomo.model.location.StoresEntered;
import io.solomo.model.loyalty.LoyaltyAction;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The customer who visits a store most often becomes its regular and gets a dedicated offer there. */
class StoreRegularsIntegrationTests extends DemoServer {

    private static final String STORE = "fleurs-du-canal";
    private static final String OTHER_STORE = "demo-republique";
    private static final Instant START = Instant.parse("2026-11-20T09:00:00Z");

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    CustomerRepository customers;

    @Autowired
    LoyaltyProgramme loyalty;

    @Test
    void frequentVisitorBecomesRegularUntilSomeoneVisitsMore() {
        String first = newCustomer();
        String second = newCustomer();

        visit(first, 3, 0);
        List<String> afterThree = regularOf(first);
        visit(first, 1, 3);
        List<String> afterFour = regularOf(first);
        visit(second, 4, 10);
        List<String> tiedSecond = regularOf(second);
        visit(second, 1, 14);

        assertThat(afterThree).doesNotContain(STORE);
        assertThat(afterFour).contains(STORE);
        assertThat(tiedSecond).as("a tie keeps the current regular").doesNotContain(STORE);
        assertThat(regularOf(second)).contains(STORE);
        assertThat(regularOf(first)).doesNotContain(STORE);
    }

    @Test
    void unknownCustomerSparesOtherVisits() {
        String known = newCustomer();
        String store = "store-" + UUID.randomUUID();
        List<StoreEntered> batch = new ArrayList<>(visits("nobody-" + UUID.randomUUID(), store, 1, 0));
        batch.addAll(visits(known, store, 4, 1));

        events.publishEvent(new StoresEntered(batch));

        JsonNode loyalty = app().get("/api/v1/customers/" + known + "/loyalty").json();
        assertThat(loyalty.get("balance").asLong()).as("5 points for each of 4 visits").isEqualTo(20);
        assertThat(loyalty.get("regularOf").get(0).asString()).isEqualTo(store);
        JsonNode attributes = ApiClient.on(port).as("admin", PASSWORD).get("/api/v1/customers/" + known).json()
                .get("attributes");
        assertThat(attributes.get("visitCount").asInt()).isEqualTo(4);
        assertThat(attributes.get("lastStoreId").asString()).isEqualTo(store);
    }

    @Test
    void sameDayVisitsCountOnce() {
        String customer = newCustomer();
        String store = "store-" + UUID.randomUUID();

        for (int enter = 0; enter < 4; enter++) {
            events.publishEvent(new StoresEntered(List.of(new StoreEntered(customer, "phone-" + customer, store,
                    UUID.randomUUID().toString(), START.plus(Duration.ofMinutes(40L * enter))))));
        }

        JsonNode loyalty = app().get("/api/v1/customers/" + customer + "/loyalty").json();
        assertThat(loyalty.get("balance").asLong()).as("5 points for the one visit of the day").isEqualTo(5);
        assertThat(regularOf(customer)).as("4 entries in one morning are not 4 visits").doesNotContain(store);
    }

    /** At 23:30 and 00:30 in Paris, the default time zone of a store the catalogue does not hold. */
    @Test
    void visitsAcrossLocalMidnightCountTwice() {
        String customer = newCustomer();
        String store = "store-" + UUID.randomUUID();

        for (String at : List.of("2026-11-20T22:30:00Z", "2026-11-20T23:30:00Z")) {
            events.publishEvent(new StoresEntered(List.of(new StoreEntered(customer, "phone-" + customer, store,
                    UUID.randomUUID().toString(), Instant.parse(at)))));
        }

        JsonNode loyalty = app().get("/api/v1/customers/" + customer + "/loyalty").json();
        assertThat(loyalty.get("balance").asLong()).isEqualTo(10);
    }

    @Test
    void unstorableVisitSparesItsBatch() {
        String known = newCustomer();
        String store = "store-" + UUID.randomUUID();
        List<StoreEntered> batch = new ArrayList<>();
        batch.add(new StoreEntered(known, "phone-" + known, store, "x".repeat(101), START));
        batch.addAll(visits(known, store, 4, 1));

        events.publishEvent(new StoresEntered(batch));

        assertThat(regularOf(known)).as("the 4 storable visits counted one by one").containsExactly(store);
    }

    @Test
    void creditAllCreditsEachVisitOnce() {
        String customerId = newCustomer();
        LoyaltyAction first = new LoyaltyAction(customerId, LoyaltyAction.Type.STORE_VISIT, "v1-" + customerId, 0);
        LoyaltyAction second = new LoyaltyAction(customerId, LoyaltyAction.Type.STORE_VISIT, "v2-" + customerId, 0);

        List<Integer> credited = loyalty.creditAll(List.of(first, second, first));

        assertThat(credited).as("the repeated visit is credited once").containsExactly(5, 5, 0);
        assertThat(loyalty.statement(customerId).balance()).isEqualTo(10);
    }

    @Test
    void regularGetsTheDedicatedOfferAtTheirStore() {
        String regular = newCustomer();
        visit(regular, OTHER_STORE, 4, 0);

        JsonNode decision = app().post("/api/v1/decisions", """
                {"customerId": "%s", "channel": "PUSH", "storeId": "%s", "at": "2026-12-04T09:15:00Z"}"""
                .formatted(regular, OTHER_STORE)).json();
        JsonNode elsewhere = app().post("/api/v1/decisions", """
                {"customerId": "%s", "channel": "PUSH", "storeId": "demo-maubert", "at": "2026-12-04T09:15:00Z"}"""
                .formatted(regular)).json();

        assertThat(offerIds(decision)).contains("REGULAR-THANKS");
        assertThat(decision.get("offers").get(0).get("reasons").get(0).asString())
                .isEqualTo("Thank the regular of a store with a dedicated offer");
        assertThat(offerIds(elsewhere)).doesNotContain("REGULAR-THANKS");
    }

    private void visit(String customerId, int times, int firstDay) {
        visit(customerId, STORE, times, firstDay);
    }

    private void visit(String customerId, String storeId, int times, int firstDay) {
        events.publishEvent(new StoresEntered(visits(customerId, storeId, times, firstDay)));
    }

    private static List<StoreEntered> visits(String customerId, String storeId, int times, int firstDay) {
        List<StoreEntered> visits = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            Instant at = START.plus(Duration.ofDays(firstDay + i));
            visits.add(new StoreEntered(customerId, "phone-" + customerId, storeId, UUID.randomUUID().toString(),
                    at));
        }
        return visits;
    }

    private List<String> regularOf(String customerId) {
        List<String> stores = new ArrayList<>();
        app().get("/api/v1/customers/" + customerId + "/loyalty").json().get("regularOf")
                .forEach(store -> stores.add(store.asString()));
        return stores;
    }

    private static List<String> offerIds(JsonNode decision) {
        List<String> ids = new ArrayList<>();
        decision.get("offers").forEach(offer -> ids.add(offer.get("offerId").asString()));
        return ids;
    }

    private String newCustomer() {
        String customerId = "regular-" + UUID.randomUUID();
        Customer customer = new Customer(customerId, null, LoyaltyTier.BRONZE, Language.FR,
                ZoneId.of("Europe/Paris"), Instant.parse("2026-01-01T00:00:00Z"));
        customer.preferChannels(List.of(Channel.PUSH));
        customer.recordConsent(ConsentPurpose.MARKETING, Channel.PUSH, ConsentStatus.GRANTED, "test",
                Instant.parse("2026-01-01T00:00:00Z"));
        customers.save(customer);
        return customerId;
    }
}
