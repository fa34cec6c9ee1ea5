package io.solomo.decision.delivery;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FrenchTypographyTests {

    @Test
    void colonGetsNoBreakSpace() {
        assertThat(FrenchTypography.apply("Demo Marché Bastille : -10 % aujourd'hui"))
                .isEqualTo("Demo Marché Bastille\u00A0: -10\u00A0% aujourd'hui");
    }

    @Test
    void highMarksGetNarrowNoBreakSpace() {
        assertThat(FrenchTypography.apply("Merci de votre fidélité !")).isEqualTo("Merci de votre fidélité\u202F!");
        assertThat(FrenchTypography.apply("Une question ?")).isEqualTo("Une question\u202F?");
        assertThat(FrenchTypography.apply("Café offert ; bouquet offert"))
                .isEqualTo("Café offert\u202F; bouquet offert");
    }

    @Test
    void guillemetsAndUnitsBindToTheirText() {
        assertThat(FrenchTypography.apply("La station « Pro » dès 30 € d'achat"))
                .isEqualTo("La station «\u00A0Pro\u00A0» dès 30\u00A0€ d'achat");
        assertThat(FrenchTypography.apply("5 € offerts")).isEqualTo("5\u00A0€ offerts");
    }

    @Test
    void linksAndUnspacedMarksUnchanged() {
        String link = "Itinéraire : https://www.openstreetmap.org/directions?route=48.85%2C2.35";

        assertThat(FrenchTypography.apply(link))
                .isEqualTo("Itinéraire\u00A0: https://www.openstreetmap.org/directions?route=48.85%2C2.35");
        assertThat(FrenchTypography.apply("Votre coupon: 10%")).isEqualTo("Votre coupon: 10%");
        assertThat(FrenchTypography.apply("Bienvenue en magasin")).isEqualTo("Bienvenue en magasin");
        assertThat(FrenchTypography.apply(null)).isNull();
    }

    @Test
    void severalSpacesBecomeOne() {
        assertThat(FrenchTypography.apply("Offert  !")).isEqualTo("Offert\u202F!");
    }

    @Test
    void plainSpacesUndoEveryNoBreakSpace() {
        String typeset = FrenchTypography.apply("Demo Marché Bastille : -10 % aujourd'hui, merci !");

        assertThat(FrenchTypography.plainSpaces(typeset)).isEqualTo("Demo Marché Bastille : -10 % aujourd'hui, merci !");
        assertThat(FrenchTypography.plainSpaces(null)).isNull();
    }
}
