package io.solomo.rules;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Finding the rules that can propose an offer in the text of the rule files. */
class OfferProposersTests {

    private static final OfferRuleBase BUNDLED = new OfferRuleCompiler().compile("bundled",
            OfferRuleCompiler.bundledFiles());

    @Test
    void drlRuleProposingOfferIsFound() {
        List<OfferProposer> proposers = BUNDLED.rulesProposing("REGULAR-THANKS");

        assertThat(proposers).containsExactly(new OfferProposer("Thank the regular of a store with a dedicated offer",
                "solomo/offers/recognition.drl", null, null));
    }

    @Test
    void tableRowProposingOfferIsFound() {
        List<OfferProposer> proposers = BUNDLED.rulesProposing("WEEKEND-FLOWERS");

        assertThat(proposers).containsExactly(new OfferProposer(
                "Offer Silver, Gold and Platinum members flowers in store at the weekend", OfferRulesFixtures.WORKBOOK,
                "Offers", 18));
    }

    @Test
    void offerWithoutRuleHasNoProposer() {
        assertThat(BUNDLED.rulesProposing("NO-SUCH-OFFER")).isEmpty();
    }

    @Test
    void csvTableRowIsFound() {
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

        assertThat(ruleBase.rulesProposing("LATE-NIGHT-SNACK")).containsExactly(new OfferProposer(
                "Offer a snack late at night", "solomo/offers/late-night.drl.csv", null, 9));
    }
}
