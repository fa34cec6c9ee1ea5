package io.solomo.decision.delivery;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SmsInboundControllerTests {

    @Test
    void stopWordsInEitherLanguageAreRecognised() {
        assertThat(SmsInboundController.isStop("STOP")).isTrue();
        assertThat(SmsInboundController.isStop("  stop merci")).isTrue();
        assertThat(SmsInboundController.isStop("Arrêt")).isTrue();
        assertThat(SmsInboundController.isStop("STOP.")).isTrue();
    }

    @Test
    void frenchOptOutWordsAreStop() {
        List<String> replies = List.of("Désabonner", "désinscription", "desabonner", "STOP SMS", "Arrêt",
                "DESINSCRIPTION", "  désabonner  ", "Désabonner !", "«STOP»", "stop,merci", "ARRÊT.",
                "De\u0301sabonner", "stop spamming me please");

        for (String reply : replies) {
            assertThat(SmsInboundController.isStop(reply)).as(reply).isTrue();
        }
    }

    @Test
    void otherRepliesAreNotStop() {
        assertThat(SmsInboundController.isStop("Merci, à bientôt")).isFalse();
        assertThat(SmsInboundController.isStop("Don't stop")).isFalse();
        assertThat(SmsInboundController.isStop("Merci, je veux me désabonner")).isFalse();
        assertThat(SmsInboundController.isStop("Désabonnement")).isFalse();
        assertThat(SmsInboundController.isStop("Stopper")).isFalse();
        assertThat(SmsInboundController.isStop("2 stop")).isFalse();
        assertThat(SmsInboundController.isStop("!!!")).isFalse();
        assertThat(SmsInboundController.isStop("")).isFalse();
        assertThat(SmsInboundController.isStop(null)).isFalse();
    }
}
