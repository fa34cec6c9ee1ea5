package io.solomo.decision.delivery;

import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The tracked link {@code /t/{deliveryId}} of a message. */
class TrackedLinkIntegrationTests extends DemoServer {

    @Autowired
    JdbcTemplate jdbc;

    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @Test
    void headRecordsNoClickButGetDoes() {
        String deliveryId = UUID.randomUUID().toString();
        jdbc.update("""
                insert into delivery (delivery_id, decision_id, customer_id, offer_id, store_id, channel, status,
                    title, message, language, coupon_code, attempts, created_at)
                values (?, ?, 'demo-alice', 'STORE-WELCOME-10', 'demo-bastille', 'EMAIL', 'SENT', '10% off today',
                    'Demo Marché Bastille: 10% off today', 'en', 'TEST0-COUPO-N000', 1, current_timestamp)""",
                deliveryId, UUID.randomUUID().toString());

        ApiClient.Response checked = anonymous().head("/t/" + deliveryId);
        String afterHead = status(deliveryId);
        ApiClient.Response clicked = anonymous().get("/t/" + deliveryId);

        assertThat(checked.status()).isEqualTo(clicked.status());
        assertThat(afterHead).as("a link checker's HEAD is not a click").isEqualTo("SENT");
        assertThat(status(deliveryId)).isEqualTo("CLICKED");
    }

    @Test
    void unknownDeliveryShowsBrowserBilingualPage() {
        ApiClient.Response page = anonymous().getAccepting("/t/nope", BROWSER_ACCEPT, "fr");

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.text()).contains("<p lang=\"fr\">Ce lien de notre message n&#39;existe pas.",
                "<p lang=\"en\">This link from our message does not exist.");
    }

    @Test
    void unknownDeliveryKeepsProblemForApiClients() {
        for (String accept : new String[] {"application/json", "*/*", "application/problem+json, text/html;q=0.5"}) {
            ApiClient.Response problem = anonymous().getAccepting("/t/nope", accept, "fr");

            assertThat(problem.status()).as(accept).isEqualTo(404);
            assertThat(problem.contentType()).as(accept).startsWith("application/problem+json");
            assertThat(problem.json().get("field").asString()).as(accept).isEqualTo("deliveryId");
            assertThat(problem.json().get("value").asString()).as(accept).isEqualTo("nope");
        }
    }

    private String status(String deliveryId) {
        return jdbc.queryForObject("select status from delivery where delivery_id = ?", String.class, deliveryId);
    }
}
