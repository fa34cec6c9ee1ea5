package io.solomo.decision.delivery;

import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The unsubscribe endpoints show a bilingual HTML page, not an API problem, for a link cut short. */
class UnsubscribePageIntegrationTests extends DemoServer {

    @Test
    void truncatedLinkShowsInvalidLinkPage() {
        // A mail client that wraps a long link may cut off its last parameter.
        ApiClient.Response page = anonymous().get("/unsubscribe?customer=demo-bob&channel=EMAIL");

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.text()).contains("Ce lien de désabonnement n'est pas valide", "link is not valid");
    }

    @Test
    void truncatedLinkPostShowsInvalidLinkPage() {
        ApiClient.Response page = anonymous().post("/unsubscribe?customer=demo-bob", "", "text/plain");

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.text()).contains("Ce lien de désabonnement n'est pas valide", "link is not valid");
    }
}
