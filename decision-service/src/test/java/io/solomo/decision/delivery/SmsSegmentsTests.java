package io.solomo.decision.delivery;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmsSegmentsTests {

    @Test
    void gsm7TextUpTo160CharactersIsOneSms() {
        SmsSegments length = SmsSegments.of("é".repeat(160));

        assertThat(length.encoding()).isEqualTo("GSM7");
        assertThat(length.units()).isEqualTo(160);
        assertThat(length.segments()).isEqualTo(1);
    }

    @Test
    void gsm7TextOver160CharactersUses153PerSegment() {
        assertThat(SmsSegments.of("a".repeat(161)).segments()).isEqualTo(2);
        assertThat(SmsSegments.of("a".repeat(306)).segments()).isEqualTo(2);
        assertThat(SmsSegments.of("a".repeat(307)).segments()).isEqualTo(3);
    }

    @Test
    void extensionCharactersCountTwice() {
        SmsSegments length = SmsSegments.of("€".repeat(80) + "a");

        assertThat(length.encoding()).isEqualTo("GSM7");
        assertThat(length.units()).isEqualTo(161);
        assertThat(length.segments()).isEqualTo(2);
    }

    @Test
    void characterOutsideGsm7SwitchesToUcs2() {
        SmsSegments single = SmsSegments.of("ê" + "a".repeat(69));
        SmsSegments split = SmsSegments.of("ê" + "a".repeat(70));

        assertThat(single.encoding()).isEqualTo("UCS2");
        assertThat(single.segments()).isEqualTo(1);
        assertThat(split.segments()).isEqualTo(2);
        assertThat(SmsSegments.of("ê" + "a".repeat(134)).segments()).isEqualTo(3);
    }

    @Test
    void emojiCountsTwoUtf16Units() {
        assertThat(SmsSegments.of("🎁").units()).isEqualTo(2);
    }

    @Test
    void demoSmsTextFitsOneSegment() {
        OutboundMessage message = new OutboundMessage("d", "dec", "c", "STORE-WELCOME-10", "demo-bastille",
                io.solomo.model.Channel.SMS, io.solomo.model.Language.FR, null,
                "Demo Marché Bastille : -10 % aujourd'hui avec le code", "ABCDE-FGHJK-MNPQ", null, null, null, 0, null);

        SmsSegments length = SmsSegments.of(SmsSender.text(message, SmsEncoding.SMART));

        assertThat(length.encoding()).isEqualTo("GSM7");
        assertThat(length.segments()).isEqualTo(1);
    }
}
