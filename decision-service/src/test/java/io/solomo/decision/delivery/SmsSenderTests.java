package io.solomo.decision.delivery;

import io.solomo.model.Channel;
import io.solomo.model.Language;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SMS sender against a gateway stand-in on loopback and an identity table in an in-memory H2 database. */
class SmsSenderTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** An SMS treatment typeset as a French decision words it, with no-break spaces before ":" and in « ». */
    private static final String FRENCH_WORDING = FrenchTypography.apply(
            "Fête des mères chez Demo Marché Bastille : « cœur » offert, reçu garanti…");

    private final LoopbackProvider gateway = LoopbackProvider.start();
    private final JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(
            "jdbc:h2:mem:sms-sender-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));

    @AfterEach
    void stopGateway() {
        gateway.close();
    }

    @Test
    void acceptedWithUnreadableBodyIsSent() {
        SmsSender sms = smsSender();
        gateway.respond(request -> LoopbackProvider.Reply.ok("<html><body>Message queued</body></html>"));

        String providerMessageId = sms.send(message("delivery-1"));

        assertThat(providerMessageId).isEqualTo("delivery-1");
        assertThat(gateway.requests()).hasSize(1);
    }

    @Test
    void acceptedMessageIdIsReturned() {
        SmsSender sms = smsSender();
        gateway.respond(request -> LoopbackProvider.Reply.ok("{\"messageId\": \"gateway-42\"}"));

        assertThat(sms.send(message("delivery-1"))).isEqualTo("gateway-42");
    }

    @Test
    void validityLineIsSentWhenItFits() {
        SmsSender sms = smsSender();
        gateway.respond(request -> LoopbackProvider.Reply.ok("{\"messageId\": \"gateway-43\"}"));

        sms.send(withCoupon("-10 % aujourd'hui", "valable jusqu'au 12 décembre 2026"));

        JsonNode request = JSON.readTree(gateway.requests().get(0).body());
        assertThat(request.get("text").asString())
                .isEqualTo("-10 % aujourd'hui ABCDE-FGHJK-MNPQ. Valable jusqu'au 12 décembre 2026. "
                        + "STOP SMS : répondez STOP");
        assertThat(request.get("encoding").asString()).isEqualTo("GSM7");
        assertThat(request.get("segments").asInt()).isEqualTo(1);
    }

    @Test
    void validityLineAddingSegmentIsLeftOut() {
        SmsSender sms = smsSender();
        gateway.respond(request -> LoopbackProvider.Reply.ok("{\"messageId\": \"gateway-44\"}"));
        // 110 characters of wording: with the coupon and the opt-out notice the text takes 153 of the 160 septets
        // of one SMS, and the validity line would need 35 more.
        String wording = "x".repeat(110);

        sms.send(withCoupon(wording, "valable jusqu'au 12 décembre 2026"));

        JsonNode request = JSON.readTree(gateway.requests().get(0).body());
        assertThat(request.get("text").asString()).doesNotContain("Valable");
        assertThat(request.get("text").asString()).isEqualTo(wording + " ABCDE-FGHJK-MNPQ. STOP SMS : répondez STOP");
        assertThat(request.get("segments").asInt()).isEqualTo(1);
    }

    @Test
    void frenchTextIsSentInGsm7LookAlikes() {
        SmsSender sms = smsSender(1, "smart");
        gateway.respond(request -> LoopbackProvider.Reply.ok("{\"messageId\": \"gateway-45\"}"));

        sms.send(withCoupon(FRENCH_WORDING, null));

        JsonNode request = JSON.readTree(gateway.requests().get(0).body());
        assertThat(request.get("text").asString()).isEqualTo("Fete des mères chez Demo Marché Bastille : \"coeur\" "
                + "offert, recu garanti... ABCDE-FGHJK-MNPQ. STOP SMS : répondez STOP");
        assertThat(request.get("encoding").asString()).isEqualTo("GSM7");
        assertThat(request.get("segments").asInt()).isEqualTo(1);
    }

    @Test
    void unicodeEncodingSendsTextAsWritten() {
        SmsSender sms = smsSender(2, "unicode");
        gateway.respond(request -> LoopbackProvider.Reply.ok("{\"messageId\": \"gateway-46\"}"));

        sms.send(withCoupon(FRENCH_WORDING, null));

        JsonNode request = JSON.readTree(gateway.requests().get(0).body());
        assertThat(request.get("text").asString()).isEqualTo("Fête des mères chez Demo Marché Bastille : « cœur » "
                + "offert, reçu garanti… ABCDE-FGHJK-MNPQ. STOP SMS : répondez STOP");
        assertThat(request.get("encoding").asString()).isEqualTo("UCS2");
        assertThat(request.get("segments").asInt()).isEqualTo(2);
    }

    @Test
    void emojiKeepsTextAsWrittenInUcs2() {
        SmsSender sms = smsSender(2, "smart");
        gateway.respond(request -> LoopbackProvider.Reply.ok("{\"messageId\": \"gateway-47\"}"));

        sms.send(withCoupon("🎁 " + FRENCH_WORDING, null));

        JsonNode request = JSON.readTree(gateway.requests().get(0).body());
        assertThat(request.get("text").asString()).isEqualTo("🎁 Fête des mères chez Demo Marché Bastille : « cœur » "
                + "offert, reçu garanti… ABCDE-FGHJK-MNPQ. STOP SMS : répondez STOP");
        assertThat(request.get("encoding").asString()).isEqualTo("UCS2");
        assertThat(request.get("segments").asInt()).isEqualTo(2);
    }

    @Test
    void frenchTextOverMaxSegmentsUnlessConverted() {
        SmsSender unicode = smsSender(1, "unicode");

        assertThatThrownBy(() -> unicode.send(withCoupon(FRENCH_WORDING, null)))
                .isInstanceOf(DeliveryFailure.class)
                .hasMessageContaining("needs 2 UCS2 segments");
        assertThat(gateway.requests()).isEmpty();
    }

    @Test
    void validityLineFitsConvertedText() {
        SmsSender sms = smsSender(2, "smart");
        gateway.respond(request -> LoopbackProvider.Reply.ok("{\"messageId\": \"gateway-48\"}"));

        sms.send(withCoupon(FRENCH_WORDING, "valable jusqu'au 12 décembre 2026"));

        JsonNode request = JSON.readTree(gateway.requests().get(0).body());
        assertThat(request.get("text").asString())
                .contains("ABCDE-FGHJK-MNPQ. Valable jusqu'au 12 décembre 2026. STOP");
        assertThat(request.get("encoding").asString()).isEqualTo("GSM7");
        assertThat(request.get("segments").asInt()).isEqualTo(1);
    }

    @Test
    void validityLineAddingUcs2SegmentIsLeftOut() {
        SmsSender sms = smsSender(2, "unicode");
        gateway.respond(request -> LoopbackProvider.Reply.ok("{\"messageId\": \"gateway-49\"}"));

        sms.send(withCoupon(FRENCH_WORDING, "valable jusqu'au 12 décembre 2026"));

        JsonNode request = JSON.readTree(gateway.requests().get(0).body());
        assertThat(request.get("text").asString()).doesNotContain("Valable");
        assertThat(request.get("segments").asInt()).isEqualTo(2);
    }

    @Test
    void augustValidityStaysGsm7() {
        String text = SmsSender.text(withCoupon("-10 % aujourd'hui", "valable jusqu'au 31 août 2026"),
                SmsEncoding.UNICODE);

        assertThat(text).contains("Valable jusqu'au 31 aout 2026.");
        assertThat(SmsSegments.of(text).encoding()).isEqualTo("GSM7");
    }

    private SmsSender smsSender() {
        return smsSender(2, "smart");
    }

    private SmsSender smsSender(int maxSegments, String encoding) {
        jdbc.execute("create table customer_identity (id bigint auto_increment primary key, "
                + "customer_id varchar(100), identity_type varchar(30), identity_value varchar(320))");
        jdbc.update("insert into customer_identity (customer_id, identity_type, identity_value) values (?, ?, ?)",
                "customer-1", "PHONE", "+33698765432");
        return new SmsSender(new ProviderHttp(8), new RecipientAddresses(jdbc), JSON, gateway.url() + "/send",
                "key", "SOLOMO", maxSegments, encoding, 0);
    }

    private static OutboundMessage message(String deliveryId) {
        return new OutboundMessage(deliveryId, "decision-1", "customer-1", "STORE-WELCOME-10", null, Channel.SMS,
                Language.FR, "-10 %", "-10 % aujourd'hui", null, null, null, null, 0, null);
    }

    private static OutboundMessage withCoupon(String wording, String validity) {
        return new OutboundMessage("delivery-1", "decision-1", "customer-1", "STORE-WELCOME-10", null, Channel.SMS,
                Language.FR, null, wording, "ABCDE-FGHJK-MNPQ", null, null, null, 0, null,
                Instant.parse("2026-12-13T09:32:00Z"), validity);
    }
}
