package io.solomo.rules;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Rules that compile but fail when they run, which validation must catch before an analyst can activate them. */
class RuleSmokeRunTests {

    private static final String BROKEN_DRL = "solomo/offers/broken.drl";

    private final RuleSetValidator validator = new RuleSetValidator(new OfferRuleCompiler(), new RuleSetCompiler());

    private static Map<String, byte[]> bundledWithDrl(String rules) {
        Map<String, byte[]> files = new LinkedHashMap<>(OfferRuleCompiler.bundledFiles());
        String drl = String.join("\n",
                "package solomo.offers;",
                "",
                "import io.solomo.model.LoyaltyTier;",
                "import io.solomo.model.offer.ContactContext;",
                "import io.solomo.model.offer.CustomerFacts;",
                "import io.solomo.model.offer.OfferCandidate;",
                "",
                rules);
        files.put(BROKEN_DRL, drl.getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private static Finding onlyRunError(ValidationReport report) {
        assertThat(report.valid()).isFalse();
        assertThat(report.activatableRules()).isEmpty();
        List<Finding> runErrors = report.errors().stream().filter(error -> error.code().startsWith("run.")).toList();
        assertThat(runErrors).hasSize(1);
        return runErrors.get(0);
    }

    @Test
    void nullPointerForBronzeIsAnError() {
        Map<String, byte[]> files = bundledWithDrl(String.join("\n",
                "rule \"Bronze members get an offer at their favourite store\"",
                "when",
                "    $customer : CustomerFacts( loyaltyTier == LoyaltyTier.BRONZE )",
                "    $context : ContactContext()",
                "then",
                "    if ($customer.getFavouriteStoreId().startsWith(\"demo\")) {",
                "        insert(new OfferCandidate(\"STORE-WELCOME-10\", 1.0, null, drools.getRule().getName()));",
                "    }",
                "end",
                ""));

        Finding error = onlyRunError(validator.validateOffers("npe", files));
        ValidationReport reloaded = validator.revalidateStoredOffers("npe-stored", files);

        assertThat(reloaded.activatableRules()).as("a stored version loads as it was accepted").isPresent();

        assertThat(error.code()).isEqualTo("run.rule-failed");
        assertThat(error.file()).isEqualTo(BROKEN_DRL);
        assertThat(error.cell()).isEqualTo("line 8");
        assertThat(error.message()).contains("Bronze members get an offer at their favourite store")
                .contains("NullPointerException").contains("BRONZE");
        assertThat(error.messageFr()).contains("Bronze members get an offer at their favourite store")
                .contains("NullPointerException").contains("BRONZE").contains("client");
    }

    @Test
    void zeroWeightInDrlIsAnError() {
        Map<String, byte[]> files = bundledWithDrl(String.join("\n",
                "rule \"Night owls get a free coffee\"",
                "when",
                "    $context : ContactContext( hour < 5 )",
                "then",
                "    insert(new OfferCandidate(\"GOLD-MORNING-COFFEE\", 0.0, null, drools.getRule().getName()));",
                "end",
                ""));

        Finding error = onlyRunError(validator.validateOffers("zero", files));

        assertThat(error.file()).isEqualTo(BROKEN_DRL);
        assertThat(error.message()).contains("Night owls get a free coffee").contains("weight must be positive")
                .contains(":00");
    }

    @Test
    void rulesThatNeverFinishAreAnError() {
        Map<String, byte[]> files = bundledWithDrl(String.join("\n",
                "rule \"Re-propose every candidate\"",
                "when",
                "    $candidate : OfferCandidate()",
                "then",
                "    delete($candidate);",
                "    insert(new OfferCandidate($candidate.getOfferId(), 1.0, null, drools.getRule().getName()));",
                "end",
                ""));

        Finding error = onlyRunError(validator.validateOffers("loop", files));

        assertThat(error.code()).isEqualTo("run.firing-limit");
        assertThat(error.file()).isEqualTo(BROKEN_DRL);
        assertThat(error.message()).contains("Re-propose every candidate")
                .contains(String.valueOf(OfferRuleBase.MAX_FIRINGS_PER_EVALUATION));
    }

    @Test
    void knownStoreFailureIsAnError() {
        Map<String, byte[]> files = bundledWithDrl(String.join("\n",
                "rule \"Florist offer\"",
                "when",
                "    $context : ContactContext( storeId == \"fleurs-du-canal\" )",
                "then",
                "    insert(new OfferCandidate(\"WEEKEND-FLOWERS\", -1.0, null, drools.getRule().getName()));",
                "end",
                ""));

        ValidationReport withoutStores = validator.validateOffers("florist", files);
        ValidationReport withStores = validator.validateOffers("florist", files,
                List.of(new StorePlace("fleurs-du-canal", null), new StorePlace("demo-bastille", "Demo Marché")));

        assertThat(withoutStores.valid()).isTrue();
        assertThat(onlyRunError(withStores).message()).contains("Florist offer").contains("fleurs-du-canal");
    }

    @Test
    void bundledRulesPassTheRun() {
        ValidationReport report = validator.validateOffers("bundled", OfferRuleCompiler.bundledFiles(),
                List.of(new StorePlace("demo-bastille", "Demo Marché"), new StorePlace("fleurs-du-canal", null)));

        assertThat(report.errors()).isEmpty();
    }
}
