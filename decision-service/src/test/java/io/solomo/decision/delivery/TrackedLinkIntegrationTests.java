package io.solomo.decision.delivery;

import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The tracked link {@code /t/{deliveryId}} of a message, for an unknown delivery. */
class TrackedLinkIntegrationTests extends DemoServer {

    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

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
}
