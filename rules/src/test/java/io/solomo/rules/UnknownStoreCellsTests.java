package io.solomo.rules;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.solomo.rules.OffersWorkbook.bundledWith;
import static io.solomo.rules.OffersWorkbook.text;
import static org.assertj.core.api.Assertions.assertThat;

/** Store ids and chains in a decision table that no known store has, so their rules never match. */
class UnknownStoreCellsTests {

    private static final List<StorePlace> DEMO_STORES = List.of(new StorePlace("demo-bastille", "Demo Marché"),
            new StorePlace("demo-maubert", "Demo Marché"), new StorePlace("fleurs-du-canal", null));

    private final RuleSetValidator validator = new RuleSetValidator(new OfferRuleCompiler(), new RuleSetCompiler());

    private static List<Finding> storeWarnings(ValidationReport report) {
        return report.warnings().stream().filter(warning -> warning.code().startsWith("table.unknown-store"))
                .toList();
    }

    @Test
    void chainWithoutAccentIsWarned() {
        Map<String, byte[]> files = bundledWith(text("D17", "Demo Marche"));

        ValidationReport report = validator.validateOffers("chain", files, DEMO_STORES);

        assertThat(report.valid()).isTrue();
        assertThat(storeWarnings(report)).singleElement().satisfies(warning -> {
            assertThat(warning.code()).isEqualTo("table.unknown-store-chain-near");
            assertThat(warning.file()).isEqualTo(OffersWorkbook.WORKBOOK);
            assertThat(warning.sheet()).isEqualTo("Offers");
            assertThat(warning.cell()).isEqualTo("D17");
            assertThat(warning.message()).contains("'Demo Marche'").contains("'Demo Marché'");
            assertThat(warning.messageFr()).contains("« Demo Marche »").contains("« Demo Marché »");
        });
    }

    @Test
    void mistypedStoreIdInListIsWarned() {
        Map<String, byte[]> files = bundledWith(text("E16", "fleurs-du-canal, demo-bastile"));

        ValidationReport report = validator.validateOffers("id", files, DEMO_STORES);

        assertThat(storeWarnings(report)).singleElement().satisfies(warning -> {
            assertThat(warning.code()).isEqualTo("table.unknown-store-id-near");
            assertThat(warning.cell()).isEqualTo("E16");
            assertThat(warning.message()).contains("'demo-bastile'").contains("'demo-bastille'");
        });
    }

    @Test
    void farChainIsWarnedWithoutSuggestion() {
        Map<String, byte[]> files = bundledWith(text("D17", "Carrefour City"));

        ValidationReport report = validator.validateOffers("far", files, DEMO_STORES);

        assertThat(storeWarnings(report)).singleElement().satisfies(warning -> {
            assertThat(warning.code()).isEqualTo("table.unknown-store-chain");
            assertThat(warning.message()).contains("'Carrefour City'");
        });
    }

    @Test
    void knownStoresAreNotWarned() {
        Map<String, byte[]> files = bundledWith(text("E16", "demo-bastille, fleurs-du-canal"));

        ValidationReport report = validator.validateOffers("known", files, DEMO_STORES);

        assertThat(storeWarnings(report)).isEmpty();
    }

    @Test
    void withoutKnownStoresNothingIsChecked() {
        Map<String, byte[]> files = bundledWith(text("D17", "Demo Marche"));

        ValidationReport report = validator.validateOffers("unchecked", files);

        assertThat(storeWarnings(report)).isEmpty();
    }
}
