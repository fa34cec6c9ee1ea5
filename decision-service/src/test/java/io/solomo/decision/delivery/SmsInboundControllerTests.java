package io.solomo.decision.delivery;

import org.junit.jupiter.api.Test;

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
    void otherRepliesAreNotStop() {
        assertThat(SmsInboundController.isStop("Merci, à bientôt")).isFalse();
        assertThat(SmsInboundController.isStop("Don't stop")).isFalse();
        assertThat(SmsInboundController.isStop("")).isFalse();
        assertThat(SmsInboundController.isStop(null)).isFalse();
    }
}
