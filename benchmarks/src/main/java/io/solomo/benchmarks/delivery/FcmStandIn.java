package io.solomo.benchmarks.delivery;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/** A loopback HTTP server that replies to every request as FCM's HTTP v1 API replies to an accepted message. */
final class FcmStandIn {

    private FcmStandIn() {
    }

    /**
     * Starts the server on a free loopback port with 8 threads.
     *
     * @param messageIdOf returns, from a request body, the id at the end of the message name in the reply
     */
    static HttpServer start(UnaryOperator<String> messageIdOf) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            byte[] reply = ("{\"name\":\"projects/load/messages/" + messageIdOf.apply(body) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        return server;
    }
}
