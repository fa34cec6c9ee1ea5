package io.solomo.decision.support;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends POST requests over a plain socket, for the bodies that {@link java.net.http.HttpClient} cannot send: a
 * request that declares a Content-Length and sends none of the body, and a body in chunks of a set size.
 */
public final class RawRequests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CHUNK_BYTES = 8192;

    private final int port;
    private final String authorization;

    public RawRequests(int port, String user, String password) {
        this.port = port;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends the headers of a request that declares a body of {@code declaredLength} bytes, sends none of it, and
     * returns the response. A server that reads the body before it responds leaves this waiting until the socket
     * times out after 30 s.
     */
    public Reply postDeclaringLength(String path, String contentType, long declaredLength) throws IOException {
        try (Socket socket = open()) {
            OutputStream out = socket.getOutputStream();
            out.write(headers(path, contentType, "Content-Length: " + declaredLength));
            out.flush();
            return Reply.read(socket.getInputStream());
        }
    }

    /**
     * Sends {@code body} with {@code Transfer-Encoding: chunked}, in chunks of 8 KB, and returns the response. A
     * server that responds before the end of the body may close the connection, so a failed write is ignored and the
     * response is read all the same.
     */
    public Reply postChunked(String path, String contentType, byte[] body) throws IOException {
        try (Socket socket = open()) {
            OutputStream out = socket.getOutputStream();
            try {
                out.write(headers(path, contentType, "Transfer-Encoding: chunked"));
                for (int offset = 0; offset < body.length; offset += CHUNK_BYTES) {
                    int length = Math.min(CHUNK_BYTES, body.length - offset);
                    out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body, offset, length);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closedByServer) {
                // The response, if the server sent one, is still in the socket's receive buffer.
            }
            return Reply.read(socket.getInputStream());
        }
    }

    private Socket open() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(30_000);
        return socket;
    }

    private byte[] headers(String path, String contentType, String framing) {
        return ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + authorization
                + "\r\nContent-Type: " + contentType + "\r\n" + framing + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** A response's status and body, the body decoded from its chunks when it was sent in chunks. */
    public record Reply(int status, String body) {

        private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.1 (\\d{3})");
        private static final Pattern CONTENT_LENGTH = Pattern.compile("content-length: *(\\d+)");

        public JsonNode json() {
            return JSON.readTree(body);
        }

        /**
         * Reads one HTTP/1.1 response. It does not wait for the end of the connection, which Tomcat may keep open
         * while it waits for the rest of a body declared.
         */
        static Reply read(InputStream in) throws IOException {
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (true) {
                int read = in.read(buffer);
                if (read > 0) {
                    received.write(buffer, 0, read);
                }
                String text = received.toString(StandardCharsets.ISO_8859_1);
                int headerEnd = text.indexOf("\r\n\r\n");
                if (headerEnd < 0) {
                    if (read < 0) {
                        throw new IOException("the connection closed before a whole response: " + text);
                    }
                    continue;
                }
                String headers = text.substring(0, headerEnd).toLowerCase(Locale.ROOT);
                String rest = text.substring(headerEnd + 4);
                Matcher length = CONTENT_LENGTH.matcher(headers);
                boolean chunked = headers.contains("transfer-encoding: chunked");
                boolean complete = read < 0 || (length.find() ? rest.length() >= Integer.parseInt(length.group(1))
                        : chunked && rest.endsWith("0\r\n\r\n"));
                if (complete) {
                    Matcher status = STATUS.matcher(text);
                    if (!status.find()) {
                        throw new IOException("not an HTTP/1.1 response: " + text);
                    }
                    String body = chunked ? dechunk(rest) : rest;
                    return new Reply(Integer.parseInt(status.group(1)),
                            new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
                }
            }
        }

        private static String dechunk(String chunked) {
            StringBuilder body = new StringBuilder();
            int position = 0;
            while (true) {
                int lineEnd = chunked.indexOf("\r\n", position);
                if (lineEnd < 0) {
                    return body.toString();
                }
                int size = Integer.parseInt(chunked.substring(position, lineEnd).trim(), 16);
                if (size == 0) {
                    return body.toString();
                }
                body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
                position = lineEnd + 2 + size + 2;
            }
        }
    }
}
