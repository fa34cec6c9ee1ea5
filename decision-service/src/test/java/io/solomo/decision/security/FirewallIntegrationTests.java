package io.solomo.decision.security;

import io.solomo.decision.support.DemoServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.test.util.ReflectionTestUtils;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** The security filter chain runs the {@link HeaderFirewall} bean, checked over a raw loopback socket. */
class FirewallIntegrationTests extends DemoServer {

    @Autowired
    FilterChainProxy filterChain;

    @Autowired
    HttpFirewall firewall;

    @Test
    void filterChainUsesFirewallBean() {
        // Spring Security 7.0.6 wraps the built chain in a composite proxy with a firewall field of its own, unused.
        Object builtChain = ReflectionTestUtils.getField(filterChain, "springSecurityFilterChain");

        assertThat(builtChain).isInstanceOf(FilterChainProxy.class);
        assertThat(ReflectionTestUtils.getField(builtChain, "firewall")).isSameAs(firewall);
    }

    @Test
    void controlCharacterInHeaderValueIsRejected() throws IOException {
        String credentials = Base64.getEncoder().encodeToString(("app:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        // Tomcat decodes header bytes as ISO-8859-1, so the byte 0x85 reaches the firewall as U+0085, a C1 control
        // character.
        byte[] rejected = request("Basic " + credentials + "\u0085");
        byte[] accepted = request("Basic " + credentials);

        assertThat(statusLine(rejected)).startsWith("HTTP/1.1 400");
        assertThat(statusLine(accepted)).startsWith("HTTP/1.1 200");
    }

    @Test
    void doubleSlashIsAProblem() throws IOException {
        String credentials = Base64.getEncoder().encodeToString(("app:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        String response = new String(exchange("GET /api/v1/decisions//why-not/X HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Basic " + credentials + "\r\nConnection: close\r\n\r\n"), StandardCharsets.UTF_8);

        assertThat(response).startsWith("HTTP/1.1 400 ");
        assertThat(response).containsIgnoringCase("\r\nContent-Type: application/problem+json");
        assertThat(response).contains("urn:solomo:problem:rejected-request").contains("\\\"//\\\"");
    }

    @Test
    void unauthorizedCarriesBasicChallenge() throws IOException {
        String response = new String(requestWithoutCredentials(), StandardCharsets.ISO_8859_1);

        assertThat(response).startsWith("HTTP/1.1 401 ");
        assertThat(response).containsIgnoringCase("\r\nWWW-Authenticate: Basic realm=");
        assertThat(response).doesNotContain("\"properties\"");
    }

    private byte[] request(String authorization) throws IOException {
        return exchange("GET /api/v1/customers/demo-alice/deliveries HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: " + authorization + "\r\nConnection: close\r\n\r\n");
    }

    private byte[] requestWithoutCredentials() throws IOException {
        return exchange("GET /api/v1/customers/demo-alice/deliveries HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n");
    }

    private byte[] exchange(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            return response.toByteArray();
        }
    }

    private static String statusLine(byte[] response) {
        String text = new String(response, StandardCharsets.ISO_8859_1);
        return text.substring(0, text.indexOf("\r\n"));
    }
}
