package io.solomo.decision.purchase;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.solomo.decision.SolomoApplication;
import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.SettableClock;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stores a purchase, stops the server before its follow-up is due, moves the clock past the delay and starts the
 * server again on the same database: the follow-up is sent by the new server.
 */
class FollowUpRestartIntegrationTests {

    private final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    @Test
    void dueFollowUpSentAfterRestart() throws Exception {
        smtp.start();
        String database = "follow-up-restart-" + UUID.randomUUID();
        String purchaseId = "till-" + UUID.randomUUID();
        ConfigurableApplicationContext first = start(database);
        int port = Integer.parseInt(first.getEnvironment().getProperty("local.server.port"));
        ApiClient.Response posted = ApiClient.on(port).as("app", "demo").post("/api/v1/purchases",
                PurchaseIntegrationTests.purchase(purchaseId, "demo-bob", null,
                        PurchaseIntegrationTests.line("PHONE-X1", 1, "499.00")));
        assertThat(posted.status()).as(posted.text()).isEqualTo(201);
        first.close();

        SettableClock.INSTANCE.advance(Duration.ofDays(3).plusMinutes(1));
        ConfigurableApplicationContext second = start(database);

        try {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            String deliveryId = FollowUpMail.awaitDelivery(jdbc, purchaseId, "SENT");
            MimeMessage message = FollowUpMail.awaitMessage(smtp, deliveryId);
            assertThat(message.getAllRecipients()[0].toString()).isEqualTo("bob.durand@example.com");
            assertThat(FollowUpMail.text(message)).contains("X1 protective case", "50 loyalty points");
        } finally {
            second.close();
        }
    }

    private ConfigurableApplicationContext start(String database) {
        return new SpringApplicationBuilder(SolomoApplication.class, SettableClock.Configuration.class)
                .profiles("demo").run(
                        "--server.port=0",
                        "--spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1",
                        "--solomo.public-base-url=http://127.0.0.1:8080",
                        "--server.shutdown=immediate",
                        "--camel.main.shutdown-timeout=1",
                        "--spring.mail.host=127.0.0.1",
                        "--spring.mail.port=" + smtp.getSmtp().getPort(),
                        "--solomo.purchase.follow-up.delay=3d",
                        "--solomo.purchase.follow-up.poll-interval-ms=100",
                        "--solomo.purchase.follow-up.start-delay-ms=0",
                        "--solomo.delivery.poll-interval-ms=50",
                        "--solomo.delivery.start-delay-ms=0");
    }
}
