package io.solomo.decision.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import tools.jackson.databind.ObjectWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads and writes the JSON bodies of the servlets that serve the busiest endpoints, the decision and the KIE batch.
 *
 * <p>A body is read into one array of its declared length, and a response is serialised into a buffer that each
 * thread keeps, so that it can be sent with its length. Growing a fresh buffer for each request and copying it out
 * made about a third of the bytes allocated per KIE batch (profile in docs/benchmarks.md).
 */
public final class JsonBodies {

    private static final int INITIAL_BUFFER = 8 * 1024;
    // A body declared up to this size is read into one array of its length. A batch of the KIE benchmark is 0.4 KB.
    private static final int UPFRONT_BYTES = 64 * 1024;
    /** A buffer grown beyond this by one large response is dropped after it, so that idle threads stay small. */
    private static final int MAX_KEPT_BUFFER = 256 * 1024;

    private static final ThreadLocal<ResponseBuffer> BUFFERS = ThreadLocal.withInitial(ResponseBuffer::new);

    private JsonBodies() {
    }

    /**
     * Reads the whole request body.
     *
     * @param maxBytes the largest body accepted
     * @param setting  the property that sets {@code maxBytes}, for the error message, or null
     * @throws ContentTooLargeException when the body is larger than {@code maxBytes}, before reading it when the
     *                                  request declares its length
     */
    public static byte[] read(HttpServletRequest request, int maxBytes, String setting) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw new ContentTooLargeException(maxBytes, setting);
        }
        return read(request.getInputStream(), declared, maxBytes, setting);
    }

    /**
     * Reads a whole body from a stream.
     *
     * @param declared the length the request declares, or -1 when it declares none
     * @throws ContentTooLargeException when the body is larger than {@code maxBytes}, before reading it when
     *                                  {@code declared} is larger
     */
    static byte[] read(InputStream in, long declared, int maxBytes, String setting) throws IOException {
        if (declared > maxBytes) {
            throw new ContentTooLargeException(maxBytes, setting);
        }
        if (declared >= 0 && declared <= UPFRONT_BYTES) {
            byte[] body = new byte[(int) declared];
            int read = in.readNBytes(body, 0, body.length);
            return read == body.length ? body : Arrays.copyOf(body, read);
        }
        if (declared >= 0) {
            // A larger declared body is read as it arrives, so that a client declaring megabytes and sending nothing
            // does not hold that memory until the request times out.
            return in.readNBytes((int) declared);
        }
        // Chunked: reading one byte past the limit shows whether the body is too large.
        byte[] body = in.readNBytes(maxBytes + 1);
        if (body.length > maxBytes) {
            throw new ContentTooLargeException(maxBytes, setting);
        }
        return body;
    }

    /**
     * Writes {@code value} as a 200 JSON response with its length. The value is serialised before anything is sent,
     * so a value that fails to serialise leaves the response untouched for an error.
     */
    public static void writeOk(HttpServletResponse response, ObjectWriter writer, Object value) throws IOException {
        ResponseBuffer buffer = BUFFERS.get();
        buffer.reset();
        try {
            writer.writeValue(buffer, value);
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setContentLength(buffer.size());
            response.getOutputStream().write(buffer.bytes(), 0, buffer.size());
        } finally {
            buffer.shrink();
        }
    }

    private static final class ResponseBuffer extends ByteArrayOutputStream {

        ResponseBuffer() {
            super(INITIAL_BUFFER);
        }

        byte[] bytes() {
            return buf;
        }

        void shrink() {
            if (buf.length > MAX_KEPT_BUFFER) {
                buf = new byte[INITIAL_BUFFER];
            }
            count = 0;
        }
    }
}
