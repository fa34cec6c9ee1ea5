package io.solomo.decision.ruleset;

import io.solomo.rules.CellPlace;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class UnknownOffersTests {

    private static final Set<String> CATALOGUE = Set.of("STORE-WELCOME-10", "GOLD-MORNING-COFFEE");

    @Test
    void tableAndDrlIdsAreChecked() {
        String table = """
                package solomo.offers;
                rule "Welcome"
                    when
                    then
                        String offerId = "STORE-WELCOME-99";
                        insert(new OfferCandidate(offerId, 1.0, drools.getRule().getName()));
                end
                rule "Coffee"
                    when
                    then
                        String offerId = "GOLD-MORNING-COFFEE";
                end
                """;
        String drl = """
                package solomo.offers;
                rule "Thanks regulars"
                when
                then
                    insert(new io.solomo.model.offer.OfferCandidate("regular-thanks", 2.0, "Thanks regulars"));
                end // one line rules follow
                rule 'Known' when then insert(new OfferCandidate("STORE-WELCOME-10", 1.0, "Known")); end
                rule Bare
                when
                then
                    insert(new OfferCandidate("BARE-1", 1.0, "Bare"));
                end
                """;

        List<RuleSetViews.FindingView> warnings = UnknownOffers.warnings(
                Map.of("offers.drl.xlsx", table, "recognition.drl", drl), CATALOGUE::contains, Map.of());

        assertThat(warnings).extracting(RuleSetViews.FindingView::message).containsExactlyInAnyOrder(
                "rule 'Welcome' proposes offer STORE-WELCOME-99, which is not in the offer catalogue, so decisions "
                        + "will reject it; check the id, which is case-sensitive, or create the offer",
                "rule 'Thanks regulars' proposes offer regular-thanks, which is not in the offer catalogue, so "
                        + "decisions will reject it; check the id, which is case-sensitive, or create the offer",
                "rule 'Bare' proposes offer BARE-1, which is not in the offer catalogue, so decisions will reject "
                        + "it; check the id, which is case-sensitive, or create the offer");
        assertThat(warnings).extracting(RuleSetViews.FindingView::file)
                .containsExactlyInAnyOrder("offers.drl.xlsx", "recognition.drl", "recognition.drl");
    }

    @Test
    void warningPlacedAtOfferCellOrRuleLine() {
        String table = """
                package solomo.offers;
                rule "Welcome"
                    when
                    then
                        String offerId = "STORE-WELCOME-99";
                end
                """;
        String drl = """
                package solomo.offers;

                rule "Thanks regulars"
                when
                then
                    insert(new OfferCandidate("regular-thanks", 2.0, "Thanks regulars"));
                end
                """;
        Map<String, CellPlace> offerIdCells = Map.of("Welcome", new CellPlace("offers.drl.xlsx", "Offers", "I20"));

        List<RuleSetViews.FindingView> warnings = UnknownOffers.warnings(
                Map.of("offers.drl.xlsx", table, "recognition.drl", drl), CATALOGUE::contains, offerIdCells);

        assertThat(warnings).extracting(RuleSetViews.FindingView::file, RuleSetViews.FindingView::sheet,
                RuleSetViews.FindingView::cell).containsExactlyInAnyOrder(
                tuple("offers.drl.xlsx", "Offers", "I20"),
                tuple("recognition.drl", null, "line 3"));
    }

    @Test
    void warningWordedInFrench() {
        String drl = """
                package solomo.offers;
                rule "Thanks regulars"
                when
                then
                    insert(new OfferCandidate("regular-thanks", 2.0, "Thanks regulars"));
                end
                """;

        List<RuleSetViews.FindingView> warnings = UnknownOffers.warnings(Map.of("recognition.drl", drl),
                CATALOGUE::contains, Map.of());

        assertThat(warnings).singleElement().extracting(RuleSetViews.FindingView::messageFr).isEqualTo(
                "la règle « Thanks regulars » propose l'offre regular-thanks, absente du catalogue des offres, que "
                        + "les décisions refuseront donc ; vérifiez l'identifiant, qui distingue majuscules et "
                        + "minuscules, ou créez l'offre");
    }
}
