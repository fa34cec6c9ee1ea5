package io.solomo.decision.campaign;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class CampaignLinkIntegrationTests extends DemoServer {

    private static final String STORE_PAGE = "https://apps.example/solomo-demo?lang=fr";

    @Test
    void scanRedirectsToStorePageAndIsCounted() {
        JsonNode link = createLink("in-store-welcome", STORE_PAGE);
        String code = link.get("code").asString();

        ApiClient.Response scan = anonymous().get("/q/" + code);

        assertThat(scan.status()).isEqualTo(302);
        assertThat(scan.location()).startsWith(STORE_PAGE + "&utm_source=qr&utm_medium=print")
                .contains("utm_campaign=in-store-welcome")
                .containsPattern("solomo_scan=[0-9a-f-]{36}$");
        JsonNode listed = marketer().get("/api/v1/campaigns/in-store-welcome/links").json();
        JsonNode same = null;
        for (JsonNode candidate : listed) {
            if (code.equals(candidate.get("code").asString())) {
                same = candidate;
            }
        }
        assertThat(same).isNotNull();
        assertThat(same.get("scans").asLong()).isEqualTo(1);
    }

    @Test
    void printedQrCodeEncodesTheScanUrl() throws Exception {
        JsonNode link = createLink("loyalty-2026", "https://apps.example/solomo-demo");

        ApiClient.Response image = anonymous().get("/q/" + link.get("code").asString() + "/qr.png");

        assertThat(image.status()).isEqualTo(200);
        assertThat(image.contentType()).isEqualTo("image/png");
        var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(
                ImageIO.read(new ByteArrayInputStream(image.body())))));
        assertThat(new QRCodeReader().decode(bitmap).getText()).isEqualTo(link.get("scanUrl").asString());
    }

    @Test
    void unknownCodeIsNotFound() {
        assertThat(anonymous().get("/q/nosuchcode").status()).isEqualTo(404);
    }

    @Test
    void redirectMustBeAnAbsoluteWebOrStoreUrl() {
        ApiClient.Response response = marketer().post("/api/v1/campaigns/in-store-welcome/links", """
                {"redirectUrl": "javascript:alert(1)"}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("redirectUrl");
    }

    @Test
    void linkOfUnknownCampaignIsNotFound() {
        ApiClient.Response response = marketer().post("/api/v1/campaigns/no-such-campaign/links", """
                {"redirectUrl": "https://apps.example/x"}""");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("field").asString()).isEqualTo("campaignId");
    }

    @Test
    void creatingLinksNeedsTheMarketerRole() {
        ApiClient.Response response = app().post("/api/v1/campaigns/in-store-welcome/links", """
                {"redirectUrl": "https://apps.example/x"}""");

        assertThat(response.status()).isEqualTo(403);
    }

    private JsonNode createLink(String campaignId, String redirectUrl) {
        ApiClient.Response response = marketer().post("/api/v1/campaigns/" + campaignId + "/links", """
                {"redirectUrl": "%s"}""".formatted(redirectUrl));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.json();
    }
}
