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
import java.util.List;

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
    void headChecksLinkWithoutScan() {
        JsonNode link = createLink("in-store-welcome", STORE_PAGE);
        String code = link.get("code").asString();

        ApiClient.Response checked = anonymous().head("/q/" + code);
        ApiClient.Response image = anonymous().head("/q/" + code + "/qr.png");
        ApiClient.Response trackedLink = anonymous().head("/t/no-such-delivery");

        assertThat(checked.status()).isEqualTo(302);
        assertThat(checked.location()).startsWith(STORE_PAGE + "&utm_source=qr&utm_medium=print")
                .doesNotContain("solomo_scan");
        assertThat(image.status()).isEqualTo(200);
        assertThat(trackedLink.status()).as("a public link is never a login challenge").isEqualTo(404);
        JsonNode listed = marketer().get("/api/v1/campaigns/in-store-welcome/links").json();
        for (JsonNode candidate : listed) {
            if (code.equals(candidate.get("code").asString())) {
                assertThat(candidate.get("scans").asLong()).isZero();
            }
        }
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
        ApiClient.Response response = anonymous().get("/q/nosuchcode");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("field").asString()).isEqualTo("code");
        assertThat(response.json().get("value").asString()).isEqualTo("nosuchcode");
    }

    @Test
    void unknownCodeShowsBrowserBilingualPage() {
        ApiClient.Response page = anonymous().getAccepting("/q/doesnotexist",
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "fr");

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.text()).contains("<p lang=\"fr\">Ce lien de campagne n&#39;existe pas.",
                "<p lang=\"en\">This campaign link does not exist.");
    }

    @Test
    void unknownCodeKeepsProblemForJsonClients() {
        ApiClient.Response response = anonymous().getAccepting("/q/doesnotexist", "application/json", "fr");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:solomo:problem:not-found");
    }

    @Test
    void unknownCampaignStaysProblemForBrowsers() {
        ApiClient.Response response = marketer().getAccepting("/api/v1/campaigns/no-such-campaign/links",
                "text/html,*/*;q=0.8", "fr");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void redirectAddsParametersBeforeFragment() {
        String code = createLink("in-store-welcome", "https://apps.example/a?x=1#frag").get("code").asString();

        String location = anonymous().get("/q/" + code).location();

        assertThat(location).matches("https://apps\\.example/a\\?x=1&utm_source=qr&utm_medium=print"
                + "&utm_campaign=in-store-welcome&solomo_scan=[0-9a-f-]{36}#frag");
    }

    @Test
    void redirectReplacesLinksOwnAttribution() {
        String code = createLink("in-store-welcome", "https://apps.example/a?utm_source=mail&solomo_scan=evil&k=v")
                .get("code").asString();

        String location = anonymous().get("/q/" + code).location();

        assertThat(location).matches("https://apps\\.example/a\\?k=v&utm_source=qr&utm_medium=print"
                + "&utm_campaign=in-store-welcome&solomo_scan=[0-9a-f-]{36}");
    }

    @Test
    void redirectDropsEmptyQuery() {
        String code = createLink("in-store-welcome", "https://apps.example/a?").get("code").asString();

        String location = anonymous().get("/q/" + code).location();

        assertThat(location).startsWith("https://apps.example/a?utm_source=qr&utm_medium=print&");
    }

    @Test
    void redirectEncodesNonAsciiUrl() {
        JsonNode link = createLink("in-store-welcome", "https://apps.example/café?q=é");

        assertThat(link.get("redirectUrl").asString()).isEqualTo("https://apps.example/caf%C3%A9?q=%C3%A9");
        assertThat(anonymous().get("/q/" + link.get("code").asString()).location())
                .startsWith("https://apps.example/caf%C3%A9?q=%C3%A9&utm_source=qr");
    }

    @Test
    void overlongRedirectIsRejectedByName() {
        String url = "https://apps.example/" + "a".repeat(3000);

        ApiClient.Response response = marketer().post("/api/v1/campaigns/in-store-welcome/links", """
                {"redirectUrl": "%s"}""".formatted(url));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("redirectUrl");
        // A problem repeats only the start of a long value.
        assertThat(response.json().get("value").asString()).isEqualTo(url.substring(0, 200) + "... (3021 characters)");
        assertThat(response.json().get("detail").asString())
                .isEqualTo("redirectUrl must have at most 1000 characters, got 3021");
    }

    @Test
    void redirectWithoutHostIsRejected() {
        for (String url : List.of("https:apps.example/x", "https:///x", "market:details?id=io.solomo")) {
            ApiClient.Response response = marketer().post("/api/v1/campaigns/in-store-welcome/links", """
                    {"redirectUrl": "%s"}""".formatted(url));

            assertThat(response.status()).as(url).isEqualTo(400);
            assertThat(response.json().get("field").asString()).as(url).isEqualTo("redirectUrl");
        }
    }

    @Test
    void arrayBodyIsDescribedPlainly() {
        ApiClient.Response response = marketer().post("/api/v1/campaigns/in-store-welcome/links", "[1]");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:solomo:problem:malformed-body");
        assertThat(response.json().get("detail").asString())
                .isEqualTo("the request body must be a JSON object, got an array");
    }

    @Test
    void campaignsAreListedWithOffersAndLinks() {
        createLink("loyalty-2026", "https://apps.example/listed");

        ApiClient.Response response = marketer().get("/api/v1/campaigns");

        assertThat(response.status()).isEqualTo(200);
        JsonNode campaigns = response.json();
        assertThat(campaigns.size()).isEqualTo(2);
        JsonNode welcome = campaigns.get(0);
        assertThat(welcome.get("campaignId").asString()).isEqualTo("in-store-welcome");
        assertThat(welcome.get("nameFr").asString()).isEqualTo("Bienvenue en magasin");
        assertThat(welcome.get("nameEn").asString()).isEqualTo("In-store welcome");
        assertThat(welcome.get("offers").get(0).get("offerId").asString()).isEqualTo("STORE-WELCOME-10");
        assertThat(welcome.get("offers").get(0).get("active").asBoolean()).isTrue();
        JsonNode loyalty = campaigns.get(1);
        assertThat(loyalty.get("campaignId").asString()).isEqualTo("loyalty-2026");
        assertThat(loyalty.get("offers").size()).isEqualTo(5);
        long listedLinks = marketer().get("/api/v1/campaigns/loyalty-2026/links").json().size();
        assertThat(loyalty.get("linkCount").asLong()).isEqualTo(listedLinks).isPositive();
    }

    @Test
    void listingCampaignsNeedsTheMarketerRole() {
        assertThat(app().get("/api/v1/campaigns").status()).isEqualTo(403);
        assertThat(anonymous().get("/api/v1/campaigns").status()).isEqualTo(401);
        assertThat(ApiClient.on(port).as("operator", PASSWORD).get("/api/v1/campaigns").status()).isEqualTo(200);
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
