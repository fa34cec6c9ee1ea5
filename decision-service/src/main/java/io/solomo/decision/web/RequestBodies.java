package io.solomo.decision.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.util.unit.DataSize;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the request bodies that endpoints take as bytes or as a stream, with a size limit. A body whose
 * Content-Length is over the limit is rejected before any of it is read, and a chunked body as soon as the bytes
 * read pass the limit. Both throw {@link ContentTooLargeException}, which the API returns as a 413 problem naming
 * the limit and its setting.
 *
 * <p>Spring's {@code @RequestBody byte[]} and {@code InputStream} arguments read without a limit, so these
 * endpoints take the {@link HttpServletRequest} and read through this class instead.
 */
public final class RequestBodies {

    /** The maximum limit for a body read into one array: the largest Java array, as for the JSON body limit. */
    public static final long MAX_ARRAY_LIMIT = Integer.MAX_VALUE - 8;

    private RequestBodies() {
    }

    /**
     * Reads the whole request body into memory.
     *
     * @param maxBytes the largest body accepted
     * @param setting  the property that sets {@code maxBytes}, named in the 413 problem
     * @throws ContentTooLargeException when the body is larger than {@code maxBytes}
     */
    public static byte[] read(HttpServletRequest request, int maxBytes, String setting) throws IOException {
        return JsonBodies.read(request, maxBytes, setting);
    }

    /**
     * Reads the whole request body into memory, as {@link #read} does, and rejects an empty one as Spring rejects a
     * missing {@code @RequestBody}, so that the API returns its usual 400 problem "the request body is missing".
     *
     * @throws ContentTooLargeException        when the body is larger than {@code maxBytes}
     * @throws HttpMessageNotReadableException when the body is empty
     */
    public static byte[] readRequired(HttpServletRequest request, int maxBytes, String setting) throws IOException {
        byte[] body = read(request, maxBytes, setting);
        if (body.length == 0) {
            throw new HttpMessageNotReadableException("Required request body is missing",
                    new ServletServerHttpRequest(request));
        }
        return body;
    }

    /**
     * Opens the request body as a stream that throws {@link ContentTooLargeException} once more than
     * {@code maxBytes} have been read from it, so the caller receives at most {@code maxBytes} bytes.
     *
     * @throws ContentTooLargeException at once, before reading, when the declared Content-Length is larger than
     *                                  {@code maxBytes}
     */
    public static InputStream open(HttpServletRequest request, long maxBytes, String setting) throws IOException {
        if (request.getContentLengthLong() > maxBytes) {
            throw new ContentTooLargeException(maxBytes, setting);
        }
        return new LimitedInputStream(request.getInputStream(), maxBytes, setting);
    }

    /**
     * Returns a body size setting in bytes, or rejects it at start-up when it is missing, not positive or larger
     * than {@code maxBytes}.
     */
    public static long limitInBytes(String setting, DataSize value, long maxBytes) {
        if (value == null || value.toBytes() < 1 || value.toBytes() > maxBytes) {
            String bound = maxBytes < Long.MAX_VALUE ? " and at most " + maxBytes + " bytes" : "";
            throw new InvalidConfigurationPropertyValueException(setting, value,
                    setting + " must be a positive size such as 64KB or 20MB" + bound + ", got " + value);
        }
        return value.toBytes();
    }

    /** A stream that counts the bytes read through it and throws once they pass the limit. */
    static final class LimitedInputStream extends FilterInputStream {

        private final long maxBytes;
        private final String setting;
        private long count;

        LimitedInputStream(InputStream in, long maxBytes, String setting) {
            super(in);
            this.maxBytes = maxBytes;
            this.setting = setting;
        }

        @Override
        public int read() throws IOException {
            int next = super.read();
            if (next >= 0) {
                counted(1);
            }
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                counted(read);
            }
            return read;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counted(skipped);
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private void counted(long bytes) {
            count += bytes;
            if (count > maxBytes) {
                throw new ContentTooLargeException(maxBytes, setting);
            }
        }
    }
}
