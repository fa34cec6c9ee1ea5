package io.solomo.decision.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of the integration tests that run the whole server on a random loopback port, with the demo data in an
 * in-memory H2 database. Test classes that extend it share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:solomo-demo;DB_CLOSE_DELAY=-1",
        "solomo.public-base-url=http://127.0.0.1:8080",
        // An administrator without any other role, for the rules that ADMIN alone does not grant.
        "solomo.security.users[0].name=operator",
        "solomo.security.users[0].password=" + DemoServer.PASSWORD,
        "solomo.security.users[0].roles=ADMIN"
})
@ActiveProfiles("demo")
public abstract class DemoServer {

    public static final String PASSWORD = "demo";

    @LocalServerPort
    protected int port;

    protected ApiClient app() {
        return ApiClient.on(port).as("app", PASSWORD);
    }

    protected ApiClient marketer() {
        return ApiClient.on(port).as("marketer", PASSWORD);
    }

    protected ApiClient anonymous() {
        return ApiClient.on(port);
    }
}
