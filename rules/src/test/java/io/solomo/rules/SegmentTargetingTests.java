package io.solomo.rules;

import io.solomo.model.Channel;
import io.solomo.model.Language;
import io.solomo.model.LoyaltyTier;
import io.solomo.model.offer.CustomerFacts;
import io.solomo.model.offer.OfferCandidate;
import io.solomo.model.offer.ProfileFacts;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

import static io.solomo.rules.OfferRulesFixtures.atStore;
import static org.assertj.core.api.Assertions.assertThat;

/** Rules and decision tables that target a named segment through {@code CustomerFacts.segments}. */
class SegmentTargetingTests {

    private static final OfferRuleBase RULES = new OfferRuleCompiler().compile("segments", files());

    @Test
    void drlRuleTargetsSegment() {
        assertThat(offerIds(customerIn(List.of("active-advocates")))).contains("ADVOCATE-DRL");
        assertThat(offerIds(customerIn(List.of("lapsed-buyers")))).doesNotContain("ADVOCATE-DRL");
        assertThat(offerIds(customerIn(List.of()))).doesNotContain("ADVOCATE-DRL");
    }

    @Test
    void decisionTableColumnTargetsSegment() {
        assertThat(offerIds(customerIn(List.of("lapsed-buyers")))).contains("COME-BACK");
        assertThat(offerIds(customerIn(List.of("active-advocates", "lapsed-buyers")))).contains("COME-BACK",
                "ADVOCATE-TABLE", "ADVOCATE-DRL");
        assertThat(offerIds(customerIn(List.of("active-advocates")))).doesNotContain("COME-BACK");
    }

    private static List<String> offerIds(CustomerFacts customer) {
        return RULES.evaluate(customer, atStore("Demo Marché", DayOfWeek.TUESDAY, 11)).candidates().stream()
                .map(OfferCandidate::getOfferId).toList();
    }

    private static CustomerFacts customerIn(List<String> segments) {
        return new CustomerFacts("customer-segments", LoyaltyTier.BRONZE, Language.FR, List.of(Channel.PUSH),
                Set.of(Channel.PUSH), ProfileFacts.NONE, segments);
    }

    private static LinkedHashMap<String, byte[]> files() {
        var files = new LinkedHashMap<>(OfferRuleCompiler.bundledFiles());
        files.put("solomo/offers/segments.drl", String.join("\n",
                "package solomo.offers;",
                "import io.solomo.model.offer.ContactContext;",
                "import io.solomo.model.offer.CustomerFacts;",
                "import io.solomo.model.offer.OfferCandidate;",
                "rule \"Thank the members of the active advocates segment\"",
                "    @offer(\"ADVOCATE-DRL\")",
                "when",
                "    CustomerFacts( segments contains \"active-advocates\" )",
                "    $context : ContactContext()",
                "then",
                "    insert( new OfferCandidate( \"ADVOCATE-DRL\", 2.0, $context.getStoreId(),"
                        + " drools.getRule().getName() ) );",
                "end",
                "").getBytes(StandardCharsets.UTF_8));
        files.put("solomo/offers/segment-table.drl.csv", String.join("\n",
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
                "Win back a lapsed buyer,lapsed-buyers,true,COME-BACK",
                "Thank an advocate from the table,active-advocates,true,ADVOCATE-TABLE",
                "").getBytes(StandardCharsets.UTF_8));
        return files;
    }
}
