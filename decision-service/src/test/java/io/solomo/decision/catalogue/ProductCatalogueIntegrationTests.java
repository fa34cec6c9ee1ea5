package io.solomo.decision.catalogue;

import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ProductCatalogueIntegrationTests extends DemoServer {

    @Test
    void demoPhoneHasAccessories() {
        ApiClient.Response response = app().get("/api/v1/products/PHONE-X1");

        assertThat(response.status()).isEqualTo(200);
        JsonNode phone = response.json();
        assertThat(phone.get("nameFr").asString()).isEqualTo("Smartphone X1");
        assertThat(phone.get("nameEn").asString()).isEqualTo("X1 smartphone");
        assertThat(phone.get("complementIds").toString()).contains("CASE-X1", "SCREEN-GLASS-X1", "CHARGER-30W");
    }

    @Test
    void marketerAddsProductAndComplement() {
        String productId = "POWERBANK-" + UUID.randomUUID().toString().substring(0, 8);

        ApiClient.Response created = marketer().put("/api/v1/products/" + productId, """
                {"nameFr": "Batterie externe", "nameEn": "Power bank", "category": "accessories", "price": 29.9}""");
        ApiClient.Response linked = marketer().put("/api/v1/products/TABLET-T10/complements", """
                {"complementIds": ["STYLUS-T10", "%s"]}""".formatted(productId));

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().get("price").decimalValue()).isEqualByComparingTo("29.90");
        assertThat(linked.status()).isEqualTo(200);
        assertThat(app().get("/api/v1/products/TABLET-T10").json().get("complementIds").toString())
                .isEqualTo("[\"" + productId + "\",\"STYLUS-T10\"]");
    }

    @Test
    void priceWithMoreThanCentsIsRejected() {
        for (String price : List.of("12.345", "1e-30000000")) {
            ApiClient.Response response = marketer().put("/api/v1/products/PRICE-CHECK", """
                    {"nameFr": "x", "nameEn": "x", "category": "x", "price": %s}""".formatted(price));

            assertThat(response.status()).as(price).isEqualTo(400);
            assertThat(response.json().get("field").asString()).as(price).isEqualTo("price");
            assertThat(response.json().get("detail").asString()).as(price).contains("at most 2 decimals");
        }
        assertThat(marketer().get("/api/v1/products/PRICE-CHECK").status()).isEqualTo(404);
    }

    @Test
    void appCannotChangeCatalogue() {
        ApiClient.Response response = app().put("/api/v1/products/PHONE-X1", """
                {"nameFr": "x", "nameEn": "x", "category": "x", "price": 1}""");

        assertThat(response.status()).isEqualTo(403);
        assertThat(app().get("/api/v1/products/PHONE-X1").json().get("nameFr").asString())
                .isEqualTo("Smartphone X1");
    }

    @Test
    void unknownComplementChangesNothing() {
        ApiClient.Response response = marketer().put("/api/v1/products/PHONE-X1/complements", """
                {"complementIds": ["CASE-X1", "NO-SUCH-PRODUCT"]}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text()).contains("complementIds[1]");
        assertThat(app().get("/api/v1/products/PHONE-X1").json().get("complementIds")).hasSize(3);
    }

    @Test
    void unknownFieldsAreRejected() {
        ApiClient.Response product = marketer().put("/api/v1/products/PHONE-X1", """
                {"nameFr": "x", "nameEn": "x", "category": "x", "price": 1, "extra": 1}""");
        ApiClient.Response complements = marketer().put("/api/v1/products/PHONE-X1/complements", """
                {"complementIds": ["CASE-X1"], "extra": 1}""");

        assertThat(product.status()).isEqualTo(400);
        assertThat(product.json().get("field").asString()).isEqualTo("extra");
        assertThat(product.json().get("detail").asString()).contains("nameFr", "price");
        assertThat(complements.status()).isEqualTo(400);
        assertThat(complements.json().get("field").asString()).isEqualTo("extra");
        JsonNode phone = app().get("/api/v1/products/PHONE-X1").json();
        assertThat(phone.get("nameFr").asString()).isEqualTo("Smartphone X1");
        assertThat(phone.get("complementIds")).hasSize(3);
    }

    @Test
    void unknownProductIsNotFound() {
        ApiClient.Response response = marketer().get("/api/v1/products/NO-SUCH-PRODUCT");

        assertThat(response.status()).isEqualTo(404);
    }
}
