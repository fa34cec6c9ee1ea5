package io.solomo.decision.delivery;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A provider stand-in on a loopback port (the JDK's HTTP/1.1 server): records every request and replies with the
 * response that {@code responder} picks, 200 by default. It stands in for FCM, APNs, an SMS gateway and a webhook
 * receiver; APNs requires HTTP/2, which the JDK server does not speak, so the sender's HTTP/2 client falls back to
 * HTTP/1.1 here with the same paths, headers and bodies.
 */
final class LoopbackProvider implements AutoCloseable {

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Function<Request, Reply> responder = request -> new Reply(200, "{}", Map.of());

    private LoopbackProvider(HttpServer server) {
        this.server = server;
    }

    static LoopbackProvider start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            LoopbackProvider provider = new LoopbackProvider(server);
            server.createContext("/", exchange -> {
                Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        Map.copyOf(exchange.getRequestHeaders().entrySet().stream().collect(
                                java.util.stream.Collectors.toMap(entry -> entry.getKey().toLowerCase(),
                                        entry -> entry.getValue().get(0), (first, second) -> first))),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                provider.requests.add(request);
                Reply reply = provider.responder.apply(request);
                byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
                reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    exchange.getResponseBody().write(body);
                }
                exchange.close();
            });
            server.setExecutor(Executors.newFixedThreadPool(32));
            server.start();
            return provider;
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void respond(Function<Request, Reply> responder) {
        this.responder = responder;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    void clear() {
        requests.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    /** A received request; header names are lower case. */
    record Request(String method, String path, Map<String, String> headers, String body) {
    }

    record Reply(int status, String body, Map<String, String> headers) {

        static Reply ok(String body) {
            return new Reply(200, body, Map.of());
        }

        static Reply status(int status, String body) {
            return new Reply(status, body, Map.of());
        }
    }
}
