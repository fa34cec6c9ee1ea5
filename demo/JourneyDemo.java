import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replays the SoLoMo journey against a running server and prints each step as it happens: what arrived, what was
 * decided and by which rules, what was sent, and what the customer now has. Needs only a JDK:
 *
 * <pre>java demo/JourneyDemo.java [baseUrl] [password]</pre>
 *
 * The defaults are http://localhost:8080 and the demo password. Start the server with a short follow-up delay to see
 * step 5 without waiting days, for example with {@code -Dspring-boot.run.arguments=--solomo.purchase.follow-up.delay=PT20S
 * --solomo.purchase.follow-up.poll-interval-ms=2000}. Run it on a fresh demo database (delete ./data first): in
 * step 4 Alice redeems the welcome coupon, and a redeemed offer is never offered to her again, so a second run stops
 * at step 3.
 */
public class JourneyDemo {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static String baseUrl;
    private static String password;

    public static void main(String[] args) throws Exception {
        baseUrl = args.length > 0 ? args[0] : "http://localhost:8080";
        password = args.length > 1 ? args[1] : "demo";
        String run = Long.toString(System.currentTimeMillis(), 36);
        String installation = "install-demo-" + run;
        String purchase = "till-demo-" + run;

        step(1, "A magazine advert's QR code is scanned");
        String link = call("marketer", "POST", "/api/v1/campaigns/in-store-welcome/links",
                "{\"redirectUrl\": \"https://apps.example/solomo-demo\"}");
        String code = field(link, "code");
        HttpResponse<String> scan = send(null, "GET", "/q/" + code, null);
        say("scan of /q/" + code + " answered " + scan.statusCode() + ", redirect to "
                + scan.headers().firstValue("Location").orElse("(none)"));

        step(2, "The app is installed, then registers with a known email and a new phone");
        String installed = call("app", "POST", "/api/v1/interactions", """
                {"eventId": "demo-installed-%s", "type": "APP_INSTALLED", "occurredAt": "%s",
                 "identities": [{"type": "APP_INSTALLATION", "value": "%s"}]}"""
                .formatted(run, Instant.now(), installation));
        say("installation made profile " + field(installed, "customerId"));
        String registered = call("app", "POST", "/api/v1/interactions", """
                {"eventId": "demo-registered-%s", "type": "APP_REGISTERED", "occurredAt": "%s",
                 "identities": [{"type": "APP_INSTALLATION", "value": "%s"},
                                {"type": "EMAIL", "value": "alice.martin@example.fr"},
                                {"type": "PHONE", "value": "06 55 44 33 22"}]}"""
                .formatted(run, Instant.now(), installation));
        String customer = field(registered, "customerId");
        say("registration resolved to " + customer + "; the anonymous profile was merged into it");
        // The app registers the push token that FCM gave it. Without a token, a server with a push provider
        // suppresses the push, because the customer has no device to send it to.
        call("app", "PUT", "/api/v1/customers/" + customer + "/devices/" + installation,
                "{\"platform\": \"FCM\", \"token\": \"demo-token-" + run + "\"}");
        say("the app registered its push token for installation " + installation);

        step(3, "The phone passes the Demo Marché Bastille store");
        String earlier = call("app", "GET", "/api/v1/customers/" + customer + "/deliveries", null);
        call("app", "POST", "/api/v1/location-events", """
                {"eventId": "demo-fix-%s", "customerId": "%s", "deviceId": "%s",
                 "latitude": 48.8532, "longitude": 2.3691, "accuracyMeters": 10}"""
                .formatted(run, customer, installation));
        String push = awaitDelivery(customer, earlier, "\"channel\":\"PUSH\"", "\"storeId\":\"demo-bastille\"");
        say("push [" + field(push, "status") + "]: " + field(push, "message")
                + (push.contains("\"lastError\":null") ? "" : " (" + field(push, "lastError") + ")"));
        say("coupon " + field(push, "couponCode") + ", QR " + field(push, "qrCodeUrl"));
        say("route " + field(push, "routeUrl"));
        String decision = call("app", "GET", "/api/v1/decisions/" + field(push, "decisionId"), null);
        say("decided by the rules: " + extract(decision, "\"firedRules\":(\\[[^\\]]*\\])"));

        step(4, "The customer buys a phone in the store with the coupon");
        String bought = call("app", "POST", "/api/v1/purchases", """
                {"purchaseId": "%s", "customerId": "%s", "storeId": "demo-bastille", "couponCode": "%s",
                 "lines": [{"productId": "PHONE-X1", "quantity": 1, "amount": 499.00}]}"""
                .formatted(purchase, customer, field(push, "couponCode")));
        say("purchase recorded: " + bought);

        step(5, "Days later, an email recommends accessories and invites a review");
        String email = awaitDelivery(customer, earlier, "\"channel\":\"EMAIL\"", "\"status\":\"SENT\"");
        say("sent: " + field(email, "title") + " - " + field(email, "message"));

        step(6, "The review is posted and approved; loyalty points are credited");
        String review = call("app", "POST", "/api/v1/reviews", """
                {"customerId": "%s", "purchaseReference": "%s", "platform": "instagram", "rating": 5}"""
                .formatted(customer, purchase));
        String approved = call("marketer", "POST", "/api/v1/reviews/" + field(review, "reviewId") + "/approve", "");
        say("review " + field(approved, "status") + ", points credited: " + extract(approved,
                "\"pointsCredited\":(\\d+)"));
        String loyalty = call("app", "GET", "/api/v1/customers/" + customer + "/loyalty", null);
        say("the customer now has " + extract(loyalty, "\"balance\":(\\d+)") + " points, tier "
                + field(loyalty, "tier"));
    }

    /**
     * Waits for a delivery that was not in {@code earlier}, contains every fragment and has left the outbox. Its
     * status is neither QUEUED nor FAILED, which a retry follows.
     */
    private static String awaitDelivery(String customer, String earlier, String... fragments) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            String deliveries = call("app", "GET", "/api/v1/customers/" + customer + "/deliveries", null);
            for (String delivery : deliveries.split("\\},\\{")) {
                boolean matches = !earlier.contains("\"deliveryId\":\"" + field(delivery, "deliveryId") + "\"")
                        && !delivery.contains("\"status\":\"QUEUED\"")
                        && !delivery.contains("\"status\":\"FAILED\"");
                for (String fragment : fragments) {
                    matches &= delivery.contains(fragment);
                }
                if (matches) {
                    return delivery;
                }
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("no delivery with " + String.join(" and ", fragments) + " within 90 s; "
                + "for step 5, start the server with a short solomo.purchase.follow-up.delay");
    }

    private static String call(String user, String method, String path, String body) throws Exception {
        HttpResponse<String> response = send(user, method, path, body);
        if (response.statusCode() >= 400) {
            throw new IllegalStateException(method + " " + path + " failed with " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    private static HttpResponse<String> send(String user, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            String token = Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        return extract(json, "\"" + name + "\":\"((?:[^\"\\\\]|\\\\.)*)\"");
    }

    private static String extract(String json, String regex) {
        Matcher match = Pattern.compile(regex).matcher(json);
        return match.find() ? match.group(1) : "(none)";
    }

    private static void step(int number, String title) {
        System.out.println();
        System.out.println("Step " + number + ": " + title);
    }

    private static void say(String line) {
        System.out.println("  " + line);
    }
}
