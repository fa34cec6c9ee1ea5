package io.solomo.decision.delivery;

import io.solomo.model.Channel;
import io.solomo.model.Language;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The push sender against an FCM stand-in on loopback and a device-token table in an in-memory H2 database. */
class PushSenderTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LoopbackProvider fcm = LoopbackProvider.start();
    private final JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(
            "jdbc:h2:mem:push-sender-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));

    @AfterEach
    void stopProvider() {
        fcm.close();
    }

    @Test
    void unregisteredTokenSkippedForRestOfBatch() {
        jdbc.execute("create table device_token (installation_id varchar(200) primary key, customer_id varchar(100), "
                + "platform varchar(10), token varchar(500), updated_at timestamp with time zone)");
        DeviceTokens devices = new DeviceTokens(jdbc, Clock.systemUTC());
        devices.register("phone", "customer-1", DeviceTokens.Platform.FCM, "stale-token");
        List<DeviceTokens.Device> readAtClaim = devices.of("customer-1");
        fcm.respond(request -> LoopbackProvider.Reply.status(404, "{\"error\": {\"status\": \"NOT_FOUND\", "
                + "\"details\": [{\"errorCode\": \"UNREGISTERED\"}]}}"));
        PushSender push = new PushSender(new ProviderHttp(8), devices, JSON,
                new FcmAccessToken(new ProviderHttp(8), JSON, Clock.systemUTC(), "token", ""),
                new ApnsProviderToken(JSON, Clock.systemUTC(), "token", "", "", ""),
                fcm.url(), "project", 0, "", "", 0);
        push.startBatch();

        Throwable first = catchFailure(push, message("delivery-1"), readAtClaim);
        Throwable second = catchFailure(push, message("delivery-2"), readAtClaim);

        assertThat(fcm.requests()).hasSize(1);
        assertThat(devices.of("customer-1")).isEmpty();
        assertThat(first).isInstanceOfSatisfying(DeliveryFailure.class,
                failure -> assertThat(failure.kind()).isEqualTo(DeliveryFailure.Kind.NO_RECIPIENT));
        assertThat(second).isInstanceOfSatisfying(DeliveryFailure.class,
                failure -> assertThat(failure.kind()).isEqualTo(DeliveryFailure.Kind.NO_RECIPIENT));
    }

    @Test
    void notFoundWithoutUnregisteredKeepsToken() {
        DeviceTokens devices = devicesWithToken("live-token");
        fcm.respond(request -> LoopbackProvider.Reply.status(404, "<html><body>Not Found</body></html>"));
        PushSender push = pushSender(devices);

        Throwable failure = catchFailure(push, message("delivery-1"), devices.of("customer-1"));

        assertThat(devices.of("customer-1")).extracting(DeviceTokens.Device::token).containsExactly("live-token");
        assertThat(failure).isInstanceOfSatisfying(DeliveryFailure.class,
                permanent -> assertThat(permanent.kind()).isEqualTo(DeliveryFailure.Kind.PERMANENT));
        assertThat(failure).hasMessageContaining("FCM responded 404");
    }

    @Test
    void acceptedWithUnreadableBodyIsSent() {
        DeviceTokens devices = devicesWithToken("live-token");
        fcm.respond(request -> LoopbackProvider.Reply.ok("<html><body>OK</body></html>"));
        PushSender push = pushSender(devices);

        String providerMessageId = push.sendAsync(message("delivery-1"), devices.of("customer-1")).join();

        assertThat(providerMessageId).isEqualTo("delivery-1");
        assertThat(fcm.requests()).hasSize(1);
    }

    @Test
    void validityLineEndsPushBody() {
        DeviceTokens devices = devicesWithToken("live-token");
        fcm.respond(request -> LoopbackProvider.Reply.ok("{\"name\": \"projects/project/messages/1\"}"));
        PushSender push = pushSender(devices);

        push.sendAsync(withCoupon("-10 % aujourd'hui"), devices.of("customer-1")).join();

        JsonNode message = JSON.readTree(fcm.requests().get(0).body()).get("message");
        assertThat(message.get("notification").get("body").asString())
                .isEqualTo("-10 % aujourd'hui\nValable jusqu'au 12 décembre 2026.");
        assertThat(message.get("data").get("couponExpiresAt").asString()).isEqualTo("2026-12-13T09:32:00Z");
    }

    @Test
    void validityLineOverPayloadLimitIsLeftOut() {
        DeviceTokens devices = devicesWithToken("live-token");
        fcm.respond(request -> LoopbackProvider.Reply.ok("{\"name\": \"projects/project/messages/1\"}"));
        PushSender push = pushSender(devices);
        // Long enough that the notification and data fit in the limit only without the validity line.
        String wording = "x".repeat(PushSender.MAX_PAYLOAD_BYTES - 200);

        push.sendAsync(withCoupon(wording), devices.of("customer-1")).join();

        JsonNode message = JSON.readTree(fcm.requests().get(0).body()).get("message");
        assertThat(message.get("notification").get("body").asString()).isEqualTo(wording);
        assertThat(message.get("data").get("couponExpiresAt").asString()).isEqualTo("2026-12-13T09:32:00Z");
    }

    private DeviceTokens devicesWithToken(String token) {
        jdbc.execute("create table device_token (installation_id varchar(200) primary key, customer_id varchar(100), "
                + "platform varchar(10), token varchar(500), updated_at timestamp with time zone)");
        DeviceTokens devices = new DeviceTokens(jdbc, Clock.systemUTC());
        devices.register("phone", "customer-1", DeviceTokens.Platform.FCM, token);
        return devices;
    }

    private PushSender pushSender(DeviceTokens devices) {
        PushSender push = new PushSender(new ProviderHttp(8), devices, JSON,
                new FcmAccessToken(new ProviderHttp(8), JSON, Clock.systemUTC(), "token", ""),
                new ApnsProviderToken(JSON, Clock.systemUTC(), "token", "", "", ""),
                fcm.url(), "project", 0, "", "", 0);
        push.startBatch();
        return push;
    }

    private static Throwable catchFailure(PushSender push, OutboundMessage message, List<DeviceTokens.Device> targets) {
        Throwable[] caught = new Throwable[1];
        assertThatThrownBy(() -> push.sendAsync(message, targets).join())
                .isInstanceOf(CompletionException.class)
                .satisfies(failure -> caught[0] = PushSender.unwrap(failure));
        return caught[0];
    }

    private static OutboundMessage message(String deliveryId) {
        return new OutboundMessage(deliveryId, "decision-1", "customer-1", "STORE-WELCOME-10", null, Channel.PUSH,
                Language.FR, "-10 %", "-10 % aujourd'hui", null, null, null, null, 0, null);
    }

    private static OutboundMessage withCoupon(String wording) {
        return new OutboundMessage("delivery-1", "decision-1", "customer-1", "STORE-WELCOME-10", null, Channel.PUSH,
                Language.FR, "-10 %", wording, "ABCDE-FGHJK-MNPQ", null, null, null, 0, null,
                Instant.parse("2026-12-13T09:32:00Z"), "valable jusqu'au 12 décembre 2026");
    }
}
