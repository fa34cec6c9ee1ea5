package io.solomo.decision.delivery;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code demo/JourneyDemo.java} with the JDK, as the README instructs an integrator, against the whole server
 * with a push provider configured: an FCM stand-in on loopback and GreenMail for the follow-up email.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:journey-demo-script;DB_CLOSE_DELAY=-1",
        "solomo.purchase.follow-up.delay=PT2S",
        "solomo.purchase.follow-up.poll-interval-ms=200",
        "solomo.purchase.follow-up.start-delay-ms=0",
        "solomo.delivery.poll-interval-ms=50",
        "solomo.delivery.start-delay-ms=0",
        "solomo.delivery.push.fcm.project-id=journey-demo",
        "solomo.delivery.push.fcm.access-token=journey-demo-token"
})
@ActiveProfiles("demo")
class JourneyDemoScriptTests {

    private static final GreenMail SMTP = startSmtp();
    private static final LoopbackProvider FCM = LoopbackProvider.start();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("solomo.delivery.push.fcm.url", FCM::url);
    }

    @AfterAll
    static void stopProviders() {
        SMTP.stop();
        FCM.close();
    }

    @Test
    void demoPushReachesProvider() throws Exception {
        FCM.respond(request -> LoopbackProvider.Reply.ok("{\"name\": \"projects/journey-demo/messages/1\"}"));

        String output = runDemo();

        assertThat(output).contains("Step 6");
        assertThat(output).containsPattern("push \\[SENT\\]: Demo Marché Bastille");
        assertThat(FCM.requests()).hasSize(1);
        assertThat(FCM.requests().get(0).body()).contains("\"offerId\":\"STORE-WELCOME-10\"");
    }

    private String runDemo() throws IOException, InterruptedException {
        Path script = Path.of("..", "demo", "JourneyDemo.java").toAbsolutePath().normalize();
        assertThat(script).as("the demo script beside the decision-service module").exists();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = Files.createTempFile("journey-demo", ".txt");
        Process demo = new ProcessBuilder(java.toString(), script.toString(), "http://127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = demo.waitFor(3, TimeUnit.MINUTES);
        if (!finished) {
            demo.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        assertThat(finished).as("the demo finished within 3 minutes; its output:%n%s", output).isTrue();
        assertThat(demo.exitValue()).as("exit code of the demo; its output:%n%s", output).isZero();
        return output;
    }

    private static GreenMail startSmtp() {
        GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        return greenMail;
    }
}
