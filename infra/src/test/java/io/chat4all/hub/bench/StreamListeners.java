package io.chat4all.hub.bench;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Clients holding GET /v1/events while the load runs, spread over the benchmark's users (at most
 * five per user, the hub's limit). Each records, end to end, when a message first reached it
 * (as a {@code message} event: arrival minus the view's ACCEPTED time) and when it first showed
 * the message DELIVERED (arrival minus the DELIVERED time), so that afterwards every accepted
 * message can be checked against every stream that should have heard of it.
 */
final class StreamListeners implements AutoCloseable {

    private final List<Listener> listeners = new ArrayList<>();
    final ConcurrentLinkedQueue<Long> messagePushNanos = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Long> deliveredPushNanos = new ConcurrentLinkedQueue<>();
    final AtomicInteger endedEarly = new AtomicInteger();
    private volatile boolean closing;

    /** One open stream of one user: the messages it heard of, and those it saw DELIVERED. */
    final class Listener {
        final int user;
        final Set<String> heard = ConcurrentHashMap.newKeySet();
        final Set<String> delivered = ConcurrentHashMap.newKeySet();
        private InputStream body;

        Listener(int user) {
            this.user = user;
        }

        private void read() {
            String name = null;
            StringBuilder data = null;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.isEmpty()) {
                        if (data != null) {
                            received(name, data.toString(), Instant.now());
                        }
                        name = null;
                        data = null;
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        data = (data == null ? new StringBuilder() : data.append('\n'))
                                .append(line.substring(5).trim());
                    }
                }
            } catch (IOException e) {
                // closed by us at the end, or by the hub (counted below)
            }
            if (!closing) {
                endedEarly.incrementAndGet();
            }
        }

        private void received(String name, String data, Instant arrival) throws IOException {
            if (!"message".equals(name) && !"status".equals(name)) {
                return;
            }
            JsonNode view = BenchHttp.JSON.readTree(data);
            String id = view.path("message_id").asText();
            if (heard.add(id) && "message".equals(name)) {
                record(messagePushNanos, view, "ACCEPTED", arrival);
            }
            if ("DELIVERED".equals(view.path("status").asText()) && delivered.add(id)) {
                record(deliveredPushNanos, view, "DELIVERED", arrival);
            }
        }

        private void record(ConcurrentLinkedQueue<Long> into, JsonNode view, String status, Instant arrival) {
            for (JsonNode step : view.path("status_history")) {
                if (status.equals(step.path("status").asText())) {
                    into.add(Duration.between(Instant.parse(step.get("at").asText()), arrival)
                            .toNanos());
                    return;
                }
            }
        }
    }

    /**
     * Opens {@code count} streams, round-robin over the users, and waits until each has answered 200.
     * Each is a plain socket read by one blocking thread (the JDK's HttpClient cost this generator
     * about as much CPU per event as the hub spent pushing it, on the same two cores).
     */
    static StreamListeners open(String url, String[] tokens, int count) throws Exception {
        if (count > tokens.length * 5) {
            throw new IllegalArgumentException(
                    count + " streams need at least " + (count + 4) / 5 + " users (5 streams each)");
        }
        URI hub = URI.create(url);
        StreamListeners streams = new StreamListeners();
        for (int i = 0; i < count; i++) {
            Listener listener = streams.new Listener(i % tokens.length);
            listener.body = openStream(hub, tokens[listener.user]);
            Thread reader = new Thread(listener::read, "bench-stream-" + i);
            reader.setDaemon(true);
            reader.start();
            streams.listeners.add(listener);
        }
        return streams;
    }

    /** GET /v1/events over HTTP/1.1 on its own socket: the body (chunked, as the hub streams it) once the answer is 200. */
    private static InputStream openStream(URI hub, String token) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(hub.getHost(), hub.getPort()), 5000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /v1/events HTTP/1.1\r\nHost: " + hub.getHost() + ":" + hub.getPort()
                        + "\r\nAccept: text/event-stream\r\nAuthorization: Bearer " + token + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        BufferedInputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        String status = line(in);
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            chunked |=
                    header.toLowerCase(java.util.Locale.ROOT).replace(" ", "").equals("transfer-encoding:chunked");
        }
        if (!status.startsWith("HTTP/1.1 200")) {
            socket.close();
            throw new IllegalStateException("GET /v1/events -> " + status);
        }
        return chunked ? new Chunked(in, socket) : in;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the stream ended in its headers");
            }
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    /** HTTP/1.1 chunked transfer decoding: the chunks' bytes, in order, until the last (empty) chunk. */
    private static final class Chunked extends InputStream {
        private final InputStream in;
        private final Socket socket;
        private int left;
        private boolean started;
        private boolean ended;

        Chunked(InputStream in, Socket socket) {
            this.in = in;
            this.socket = socket;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (ended) {
                return -1;
            }
            if (left == 0) {
                if (started) {
                    line(in); // the CRLF after the previous chunk
                }
                started = true;
                String size = line(in);
                int extension = size.indexOf(';');
                left = Integer.parseInt((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
                if (left == 0) {
                    ended = true;
                    return -1;
                }
            }
            int read = in.read(into, offset, Math.min(length, left));
            if (read < 0) {
                ended = true;
                return -1;
            }
            left -= read;
            return read;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    int size() {
        return listeners.size();
    }

    List<Listener> of(int user) {
        return listeners.stream().filter(l -> l.user == user).toList();
    }

    @Override
    public void close() {
        closing = true;
        for (Listener listener : listeners) {
            try {
                listener.body.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
