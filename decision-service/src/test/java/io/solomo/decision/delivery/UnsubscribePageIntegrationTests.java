package io.solomo.decision.delivery;

import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import io.solomo.model.Channel;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unsubscribe page: channel named in French and English, a page sized for phones, and a bilingual page for a
 * link cut short.
 */
class UnsubscribePageIntegrationTests extends DemoServer {

    @Autowired
    UnsubscribeLinks links;

    @Test
    void pageNamesChannelInBothLanguages() {
        String pushLink = links.unsubscribeUrl("demo-bob", Channel.PUSH).replace("http://127.0.0.1:8080", "");
        String webhookLink = links.unsubscribeUrl("demo-bob", Channel.WEBHOOK).replace("http://127.0.0.1:8080", "");
        String inAppLink = links.unsubscribeUrl("demo-bob", Channel.IN_APP).replace("http://127.0.0.1:8080", "");

        assertThat(anonymous().get(pushLink).text())
                .contains("nos offres par notification push&#8239;?", "our offers by push notification?");
        assertThat(anonymous().get(webhookLink).text())
                .contains("nos offres par l'intermédiaire de nos partenaires&#8239;?",
                        "our offers through our partners?");
        assertThat(anonymous().get(inAppLink).text())
                .contains("nos offres dans l'application&#8239;?", "our offers in the app?");
    }

    @Test
    void confirmationNamesWithdrawnChannel() {
        String email = "unsubscribe-" + UUID.randomUUID() + "@example.fr";
        ApiClient.Response registered = app().post("/api/v1/interactions", """
                {"eventId": "%s", "type": "APP_REGISTERED", "occurredAt": "%s",
                 "identities": [{"type": "EMAIL", "value": "%s"}]}""".formatted(UUID.randomUUID(), Instant.now(),
                email));
        String customerId = registered.json().get("customerId").asString();
        String link = links.unsubscribeUrl(customerId, Channel.EMAIL).replace("http://127.0.0.1:8080", "");

        ApiClient.Response question = anonymous().get(link);
        ApiClient.Response done = anonymous().post(link, "", "text/plain");

        assertThat(question.text()).contains("<meta name=\"viewport\" content=\"width=device-width\">");
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.text()).contains("<meta name=\"viewport\" content=\"width=device-width\">");
        assertThat(done.text()).contains("C'est fait&nbsp;: vous ne recevrez plus nos offres par e-mail.");
        assertThat(done.text()).contains("Done: you will no longer receive our offers by email.");
    }

    @Test
    void truncatedLinkShowsInvalidLinkPage() {
        // A mail client that wraps a long link may cut off its last parameter.
        ApiClient.Response page = anonymous().get("/unsubscribe?customer=demo-bob&channel=EMAIL");

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.contentType()).isEqualTo("text/html;charset=UTF-8");
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
