package io.chat4all.hub.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chat4all.command.limits.LimitSettings;
import io.chat4all.events.HubError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request bodies (JSON, forms) over {@code chat4all.limits.max-json-body} (64 KiB) are 413
 * PAYLOAD_TOO_LARGE before they are read: at once when Content-Length says so, else (chunked
 * transfer) as soon as one byte more than the limit has been read. Chunk uploads ({@code PATCH
 * /v1/files/upload}, up to 64 MiB, streamed to storage) have their own limits. Runs before
 * Spring Security, so that an unauthenticated body is bounded too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class JsonBodyLimit extends OncePerRequestFilter {

    static final String CHUNK_UPLOAD_PATH = "/v1/files/upload";

    private final ObjectMapper json;
    private final long limit;
    private final String detail;

    JsonBodyLimit(ObjectMapper json, LimitSettings settings) {
        this.json = json;
        this.limit = settings.maxJsonBody().toBytes();
        this.detail = tooLargeDetail(limit);
    }

    static String tooLargeDetail(long limit) {
        return "Request bodies are limited to "
                + (limit % 1024 == 0 ? limit / 1024 + " KiB (" + limit + " bytes)" : limit + " bytes")
                + "; files go through /v1/files";
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return HttpMethod.PATCH.matches(request.getMethod()) && CHUNK_UPLOAD_PATH.equals(request.getServletPath());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            ApiProblems.write(json, response, ApiProblems.of(HubError.PAYLOAD_TOO_LARGE, detail));
            return;
        }
        chain.doFilter(new Limited(request, limit, detail), response);
    }

    /** Thrown by the body's stream past the limit; the controller advice answers it with 413. */
    static final class BodyTooLargeException extends RuntimeException {
        BodyTooLargeException(String detail) {
            super(detail, null, false, false);
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {

        private final long limit;
        private final String detail;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit, String detail) {
            super(request);
            this.limit = limit;
            this.detail = detail;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), limit, detail);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class LimitedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private final String detail;
        private long count;

        LimitedStream(ServletInputStream in, long limit, String detail) {
            this.in = in;
            this.limit = limit;
            this.detail = detail;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            // Never read far past the limit: at most one byte more than it allows.
            int n = in.read(buffer, offset, (int) Math.min(length, limit - count + 1));
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) {
            count += n;
            if (count > limit) {
                throw new BodyTooLargeException(detail);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
