package io.solomo.rules;

import io.solomo.model.Channel;
import io.solomo.model.LoyaltyTier;
import io.solomo.model.offer.ContactContext;
import io.solomo.rules.UnmetCondition.Requirement;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Finding the conditions of a rule that the known facts of a contact did not meet. */
class RuleConditionsTests {

    private static final OfferRuleBase BUNDLED = new OfferRuleCompiler().compile("bundled",
            OfferRuleCompiler.bundledFiles());

    @Test
    void weekendRowOnFridayMissesDay() {
        List<UnmetCondition> unmet = unmetFor("WEEKEND-FLOWERS", contactAt("demo-bastille", "Demo Marché",
                DayOfWeek.FRIDAY, 10));

        assertThat(unmet).containsExactly(new UnmetCondition("ContactContext", "dayOfWeek", Requirement.ONE_OF,
                List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), DayOfWeek.FRIDAY));
    }

    @Test
    void unknownTierIsLeftOut() {
        Map<String, Object> customer = Map.of("loyaltyTier", LoyaltyTier.BRONZE);
        KnownFacts facts = new KnownFacts(contactAt("demo-bastille", null, DayOfWeek.SATURDAY, 10), Map.of());
        KnownFacts withTier = new KnownFacts(facts.contact(), customer);

        assertThat(BUNDLED.unmetConditions(proposerOf("WEEKEND-FLOWERS"), facts)).isEmpty();
        assertThat(BUNDLED.unmetConditions(proposerOf("WEEKEND-FLOWERS"), withTier)).containsExactly(
                new UnmetCondition("CustomerFacts", "loyaltyTier", Requirement.ONE_OF,
                        List.of(LoyaltyTier.SILVER, LoyaltyTier.GOLD, LoyaltyTier.PLATINUM), LoyaltyTier.BRONZE));
    }

    @Test
    void morningRowAtNoonMissesHours() {
        List<UnmetCondition> unmet = unmetFor("GOLD-MORNING-COFFEE", contactAt("demo-bastille", "Demo Marché",
                DayOfWeek.MONDAY, 12));

        assertThat(unmet).containsExactly(new UnmetCondition("ContactContext", "hour", Requirement.FROM_BELOW,
                List.of(7, 11), 12));
    }

    @Test
    void awayFromStoresMissesStoreAndChain() {
        List<UnmetCondition> unmet = unmetFor("GOLD-MORNING-COFFEE", contactAt(null, null, DayOfWeek.MONDAY, 8));

        assertThat(unmet).containsExactly(
                new UnmetCondition("ContactContext", "storeChain", Requirement.ONE_OF, List.of("Demo Marché"), null),
                new UnmetCondition("ContactContext", "atStore", Requirement.ONE_OF, List.of(true), false));
    }

    @Test
    void unknownStoreChainIsLeftOut() {
        Map<String, Object> contact = new HashMap<>(contactAt("demo-bastille", null, DayOfWeek.MONDAY, 12));
        contact.remove("storeChain");

        List<UnmetCondition> unmet = unmetFor("GOLD-MORNING-COFFEE", contact);

        assertThat(unmet).extracting(UnmetCondition::property).containsExactly("hour");
    }

    @Test
    void unknownRegularIsLeftOut() {
        assertThat(unmetFor("REGULAR-THANKS", contactAt("demo-bastille", null, DayOfWeek.MONDAY, 12))).isEmpty();
    }

    @Test
    void metConditionsGiveNothing() {
        assertThat(unmetFor("WEEKEND-FLOWERS", contactAt("demo-bastille", null, DayOfWeek.SUNDAY, 12))).isEmpty();
    }

    @Test
    void drlComparisonsAndOperatorsOutsideShapes() {
        Map<String, byte[]> files = new LinkedHashMap<>(OfferRuleCompiler.bundledFiles());
        files.put("solomo/offers/evening.drl", String.join("\n",
                "package solomo.offers;",
                "import io.solomo.model.offer.ContactContext;",
                "import io.solomo.model.offer.OfferCandidate;",
                "rule \"Offer a snack in the evening on push\"",
                "when",
                "    $context : ContactContext( hour > 18, channel == io.solomo.model.Channel.PUSH,",
                "                               trigger in ( ContactContext.Trigger.API ), !atStore,",
                "                               storeId.length() > 3 )",
                "then",
                "    insert( new OfferCandidate( \"EVENING-SNACK\", 1.0, null, drools.getRule().getName() ) );",
                "end",
                "").getBytes(StandardCharsets.UTF_8));
        OfferRuleBase ruleBase = new OfferRuleCompiler().compile("evening", files);
        OfferProposer proposer = ruleBase.rulesProposing("EVENING-SNACK").get(0);
        Map<String, Object> contact = new HashMap<>(contactAt("demo-bastille", null, DayOfWeek.MONDAY, 12));
        contact.put("trigger", ContactContext.Trigger.GEOFENCE_ENTER);

        List<UnmetCondition> unmet = ruleBase.unmetConditions(proposer, new KnownFacts(contact, Map.of()));

        // "in" is a Drools operator that MVEL does not have, and a method call has no known shape: both are left out.
        assertThat(unmet).containsExactly(
                new UnmetCondition("ContactContext", "hour", Requirement.ABOVE, List.of(18), 12),
                new UnmetCondition("ContactContext", "channel", Requirement.ONE_OF, List.of(Channel.PUSH),
                        Channel.EMAIL),
                new UnmetCondition("ContactContext", "atStore", Requirement.ONE_OF, List.of(false), true));
    }

    @Test
    void csvTableRowIsEvaluated() {
        Map<String, byte[]> files = new LinkedHashMap<>(OfferRuleCompiler.bundledFiles());
        files.put("solomo/offers/late-night.drl.csv", String.join("\n",
                "RuleSet,solomo.offers",
                "Import,\"io.solomo.model.offer.ContactContext, io.solomo.model.offer.OfferCandidate\"",
                "",
                "RuleTable Late night",
                "NAME,CONDITION,ACTION",
                ",$context : ContactContext,",
                ",hour >= $param,\"insert(new OfferCandidate(\"\"$param\"\", 1.0, $context.getStoreId(), "
                        + "drools.getRule().getName()));\"",
                "Rule,From hour,Offer",
                "Offer a snack late at night,22,LATE-NIGHT-SNACK",
                "").getBytes(StandardCharsets.UTF_8));
        OfferRuleBase ruleBase = new OfferRuleCompiler().compile("late-night", files);
        OfferProposer proposer = ruleBase.rulesProposing("LATE-NIGHT-SNACK").get(0);

        List<UnmetCondition> unmet = ruleBase.unmetConditions(proposer,
                new KnownFacts(contactAt(null, null, DayOfWeek.MONDAY, 21), Map.of()));

        assertThat(unmet).containsExactly(new UnmetCondition("ContactContext", "hour", Requirement.AT_LEAST,
                List.of(22), 21));
    }

    @Test
    void listConditionsAreEvaluated() {
        Map<String, byte[]> files = new LinkedHashMap<>(OfferRuleCompiler.bundledFiles());
        files.put("solomo/offers/lists.drl", String.join("\n",
                "package solomo.offers;",
                "import io.solomo.model.offer.ContactContext;",
                "import io.solomo.model.offer.CustomerFacts;",
                "import io.solomo.model.offer.OfferCandidate;",
                "rule \"Offer garden tools to advocates who do not buy wine\"",
                "when",
                "    CustomerFacts( segments contains \"active-advocates\", favouriteCategories contains \"garden\",",
                "                   favouriteCategories not contains \"wine\" )",
                "    $context : ContactContext()",
                "then",
                "    insert( new OfferCandidate( \"GARDEN-TOOLS\", 1.0, null, drools.getRule().getName() ) );",
                "end",
                "").getBytes(StandardCharsets.UTF_8));
        OfferRuleBase ruleBase = new OfferRuleCompiler().compile("lists", files);
        OfferProposer proposer = ruleBase.rulesProposing("GARDEN-TOOLS").get(0);
        Map<String, Object> contact = contactAt(null, null, DayOfWeek.MONDAY, 12);
        Map<String, Object> outside = Map.of("segments", List.of("lapsed-buyers"),
                "favouriteCategories", List.of("wine", "bakery"));
        Map<String, Object> inside = Map.of("segments", List.of("active-advocates"),
                "favouriteCategories", List.of("garden"));

        List<UnmetCondition> unmet = ruleBase.unmetConditions(proposer, new KnownFacts(contact, outside));

        assertThat(unmet).containsExactly(
                new UnmetCondition("CustomerFacts", "segments", Requirement.CONTAINS, List.of("active-advocates"),
                        List.of("lapsed-buyers")),
                new UnmetCondition("CustomerFacts", "favouriteCategories", Requirement.CONTAINS, List.of("garden"),
                        List.of("wine", "bakery")),
                new UnmetCondition("CustomerFacts", "favouriteCategories", Requirement.EXCLUDES, List.of("wine"),
                        List.of("wine", "bakery")));
        assertThat(ruleBase.unmetConditions(proposer, new KnownFacts(contact, inside))).isEmpty();
        // Segments are unknown in a decision stored before they existed, so the condition is left out.
        assertThat(ruleBase.unmetConditions(proposer, new KnownFacts(contact, Map.of()))).isEmpty();
    }

    private static List<UnmetCondition> unmetFor(String offerId, Map<String, Object> contact) {
        return BUNDLED.unmetConditions(proposerOf(offerId), new KnownFacts(contact, Map.of()));
    }

    private static OfferProposer proposerOf(String offerId) {
        List<OfferProposer> proposers = BUNDLED.rulesProposing(offerId);
        assertThat(proposers).hasSize(1);
        return proposers.get(0);
    }

    /** Returns the contact properties that a decision record gives, with channel EMAIL and trigger API. */
    private static Map<String, Object> contactAt(String storeId, String storeChain, DayOfWeek day, int hour) {
        Map<String, Object> contact = new HashMap<>();
        contact.put("channel", Channel.EMAIL);
        contact.put("trigger", ContactContext.Trigger.API);
        contact.put("storeId", storeId);
        contact.put("atStore", storeId != null);
        contact.put("storeChain", storeChain);
        contact.put("dayOfWeek", day);
        contact.put("hour", hour);
        return contact;
    }
}
