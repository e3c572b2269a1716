package io.chat4all.hub.hostile;

import static io.chat4all.hub.hostile.RawHttp.headers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Generates the hostile requests, each with what can be said of its answer in advance: at
 * least "no 5xx, a problem document with an API.md code", and where it is determined the exact
 * status, code and offending field.
 */
final class HostileRequests {

    /** What the answer must be beyond the general rules; null members are not checked. */
    record Expect(Integer status, String code, String field) {
        static final Expect ANY = new Expect(null, null, null);
    }

    record Case(RawHttp.Request request, Expect expect) {}

    /** The callers and resources the requests are made against. */
    record Fixture(
            List<String> tokens,
            List<String> userIds,
            String conversationId,
            String otherUserId,
            Map<String, String> badTokens) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MB_STRING = "\"" + "a".repeat(1_000_000) + "\"";
    private static final String LIMIT_MESSAGE = "PAYLOAD_TOO_LARGE";

    /** Hostile JSON values for any field, as JSON text. */
    static final List<String> VALUES = List.of(
            "null",
            "1",
            "-1",
            "0",
            "1.5",
            "1e400",
            "-9223372036854775809",
            "99999999999999999999999999",
            "true",
            "[]",
            "{}",
            "[[[[[]]]]]",
            "\"\"",
            "\"   \"",
            "\"\\u0000\"",
            "\"a\\u0001b\\u001fc\\u007f\"",
            "\"\\ud800\"",
            "\"\\u202eevil\"",
            "\"' OR 1=1 --\"",
            "\"../../etc/passwd\"",
            "\"<script>alert(1)</script>\"",
            "{\"$gt\": \"\"}",
            "\"" + "x".repeat(60_000) + "\"",
            MB_STRING);

    /** Whole bodies that are not the JSON an endpoint wants (or are not JSON at all). */
    static final List<String> BODIES = List.of(
            "",
            " ",
            "{",
            "}",
            "[",
            "null",
            "[]",
            "\"s\"",
            "1",
            "{\"a\":}",
            "{\"a\":1,}",
            "{'a':1}",
            "{\"a\":1}{\"b\":2}",
            "{\"a\":NaN}",
            "\ufeff{}",
            "{\"type\":\"a\",\"type\":\"b\"}",
            "[".repeat(50_000),
            "{\"a\":".repeat(10_000),
            "[".repeat(100_000),
            "\u0000\u0001");

    static final List<String> PATH_IDS = List.of(
            "%20",
            "%20%20%20",
            "%09",
            "not-a-uuid",
            "%00",
            "%2e%2e",
            "..",
            "a%2Fb",
            "%2F",
            "a;b",
            "%25",
            "a".repeat(300),
            "%E2%80%AE",
            "%FF%FE",
            "12345678-1234-1234-1234-1234567890123",
            "%7B%7D",
            "00000000-0000-0000-0000-00000000000g",
            UUID.randomUUID().toString().toUpperCase());

    private final Fixture fixture;
    private final AtomicInteger sequence = new AtomicInteger();
    private final List<Case> cases = new ArrayList<>();

    HostileRequests(Fixture fixture) {
        this.fixture = fixture;
    }

    List<Case> all() {
        jsonFieldMutations();
        brokenBodies();
        contentTypes();
        acceptHeaders();
        tokens();
        pathIds();
        queryValues();
        webServerRefusals();
        traversalAndMethods();
        return cases;
    }

    // ---- bodies -------------------------------------------------------------------------------

    /** An endpoint with a JSON body, and a valid body for the caller with the given index. */
    private record BodyEndpoint(String path, boolean authenticated, IntFunction<Map<String, Object>> template) {}

    private List<BodyEndpoint> bodyEndpoints() {
        return List.of(
                new BodyEndpoint("/auth/token", false, sender -> map("username", "user041", "password", "wrong")),
                new BodyEndpoint(
                        "/v1/conversations",
                        true,
                        sender -> map(
                                "type",
                                "private",
                                "members",
                                List.of(fixture.otherUserId()),
                                "metadata",
                                map("name", "x"))),
                new BodyEndpoint("/v1/messages", true, sender -> {
                    return map(
                            "message_id",
                            UUID.randomUUID().toString(),
                            "conversation_id",
                            fixture.conversationId(),
                            "from",
                            fixture.userIds().get(sender),
                            "to",
                            fixture.userIds().get((sender + 1) % 3),
                            "payload",
                            map(
                                    "type",
                                    "text",
                                    "text",
                                    "hi",
                                    "file_id",
                                    UUID.randomUUID().toString()),
                            "channels",
                            List.of("whatsapp"),
                            "priority",
                            "normal");
                }),
                new BodyEndpoint(
                        "/v1/files/initiate",
                        true,
                        sender -> map(
                                "filename",
                                "a.txt",
                                "size",
                                10,
                                "content_type",
                                "text/plain",
                                "chunk_size",
                                5_242_880,
                                "file_size",
                                10)),
                new BodyEndpoint(
                        "/v1/files/complete",
                        true,
                        sender -> map("file_id", UUID.randomUUID().toString(), "checksum", "0".repeat(64))));
    }

    /** Every field (and nested field) of every body, replaced by every hostile value. */
    private void jsonFieldMutations() {
        for (BodyEndpoint endpoint : bodyEndpoints()) {
            for (String field : fieldPaths(endpoint.template().apply(0), "")) {
                for (String value : VALUES) {
                    int sender = nextSender();
                    String body = replace(json(endpoint.template().apply(sender)), field, value);
                    Expect expect = value == MB_STRING ? new Expect(413, LIMIT_MESSAGE, null) : Expect.ANY;
                    cases.add(new Case(
                            post(
                                    "field " + endpoint.path() + " " + field + "=" + abbreviate(value),
                                    endpoint,
                                    sender,
                                    "application/json",
                                    body.getBytes(StandardCharsets.UTF_8)),
                            expect));
                }
            }
        }
    }

    private void brokenBodies() {
        for (BodyEndpoint endpoint : bodyEndpoints()) {
            for (String body : BODIES) {
                Expect expect = body.length() > 65_536 ? new Expect(413, LIMIT_MESSAGE, null) : Expect.ANY;
                cases.add(new Case(
                        post(
                                "body " + endpoint.path() + " " + abbreviate(body),
                                endpoint,
                                nextSender(),
                                "application/json",
                                body.getBytes(StandardCharsets.UTF_8)),
                        expect));
            }
            byte[] badUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
            cases.add(new Case(
                    post(
                            "body " + endpoint.path() + " invalid UTF-8",
                            endpoint,
                            nextSender(),
                            "application/json",
                            badUtf8),
                    Expect.ANY));
            // A chunked body has no Content-Length: the limit must stop it while it is read.
            cases.add(new Case(chunked(endpoint, MB_STRING), new Expect(413, LIMIT_MESSAGE, null)));
        }
    }

    private void contentTypes() {
        List<String> types = List.of(
                "",
                "text/plain",
                "application/xml",
                "multipart/form-data",
                "multipart/form-data; boundary=x",
                "application/json; charset=nonsense",
                "application/json; charset=UTF-16",
                "application/x-www-form-urlencoded",
                "garbage",
                "application/json, text/plain",
                "*/*",
                "application/octet-stream");
        for (BodyEndpoint endpoint : bodyEndpoints()) {
            for (String type : types) {
                int sender = nextSender();
                byte[] body = type.startsWith("application/x-www")
                        ? "username=a&password=b".getBytes(StandardCharsets.UTF_8)
                        : json(endpoint.template().apply(sender)).getBytes(StandardCharsets.UTF_8);
                cases.add(new Case(
                        post("content-type " + endpoint.path() + " " + type, endpoint, sender, type, body),
                        Expect.ANY));
            }
        }
    }

    // ---- headers and tokens -------------------------------------------------------------------

    private List<String> getPaths() {
        return List.of(
                "/v1/users/me",
                "/v1/users?username=user",
                "/v1/conversations",
                "/v1/conversations/" + fixture.conversationId(),
                "/v1/conversations/" + fixture.conversationId() + "/messages",
                "/v1/messages/" + UUID.randomUUID(),
                "/v1/files/" + UUID.randomUUID(),
                "/v1/files/" + UUID.randomUUID() + "/download");
    }

    private void acceptHeaders() {
        List<String> accepts = List.of(
                "image/png",
                "text/html",
                "application/xml",
                "*/*;q=0",
                "garbage/",
                ";;;",
                "application/json;q=0",
                "text/event-stream",
                "application/json;charset=ebcdic");
        for (String path : getPaths()) {
            for (String accept : accepts) {
                Expect expect = path.equals("/v1/users/me") && accept.equals("image/png")
                        ? new Expect(406, "NOT_ACCEPTABLE", null)
                        : Expect.ANY;
                cases.add(new Case(get("accept " + path + " " + accept, path, token(), "Accept: " + accept), expect));
            }
        }
        cases.add(new Case(
                RawHttp.Request.of(
                        "accept login image/png",
                        "POST",
                        "/auth/token",
                        headers("Accept: image/png", "Content-Type: application/json", forwardedFor()),
                        "{\"username\":\"nobody\",\"password\":\"x\"}".getBytes(StandardCharsets.UTF_8)),
                Expect.ANY));
    }

    private void tokens() {
        List<String> paths = new ArrayList<>(getPaths());
        paths.add("/v1/conversations?limit=5");
        for (String path : paths) {
            cases.add(new Case(
                    RawHttp.Request.of("no token " + path, "GET", path, headers(), null),
                    new Expect(401, "UNAUTHENTICATED", null)));
            for (Map.Entry<String, String> bad : fixture.badTokens().entrySet()) {
                cases.add(new Case(
                        RawHttp.Request.of(
                                "token " + bad.getKey() + " " + path,
                                "GET",
                                path,
                                headers("Authorization: " + bad.getValue()),
                                null),
                        new Expect(401, "UNAUTHENTICATED", null)));
            }
            for (String odd :
                    List.of("Basic dXNlcjpwYXNz", "Bearer\u0001x", "Bearer " + token() + "\u0000", "Digest x")) {
                cases.add(new Case(
                        RawHttp.Request.of(
                                "odd authorization " + path + " " + abbreviate(odd),
                                "GET",
                                path,
                                headers("Authorization: " + odd),
                                null),
                        Expect.ANY));
            }
        }
        cases.add(new Case(
                RawHttp.Request.of(
                        "expired token on a send",
                        "POST",
                        "/v1/messages",
                        headers(
                                "Authorization: " + fixture.badTokens().get("expired"),
                                "Content-Type: application/json"),
                        "{}".getBytes(StandardCharsets.UTF_8)),
                new Expect(401, "UNAUTHENTICATED", null)));
    }

    // ---- paths and queries --------------------------------------------------------------------

    private void pathIds() {
        Map<String, String> templates = new LinkedHashMap<>();
        templates.put("/v1/conversations/{}", "conversation_id");
        templates.put("/v1/conversations/{}/messages", "conversation_id");
        templates.put("/v1/messages/{}", "message_id");
        templates.put("/v1/files/{}", "file_id");
        templates.put("/v1/files/{}/download", "file_id");
        for (Map.Entry<String, String> template : templates.entrySet()) {
            for (String id : PATH_IDS) {
                String path = template.getKey().replace("{}", id);
                boolean blankOrWrong =
                        id.startsWith("%20") || id.equals("%09") || id.equals("not-a-uuid") || id.equals("%7B%7D");
                Expect expect = blankOrWrong ? new Expect(400, "VALIDATION_FAILED", template.getValue()) : Expect.ANY;
                cases.add(new Case(get("path id " + path, path, token()), expect));
            }
        }
    }

    private void queryValues() {
        String conv = "/v1/conversations/" + fixture.conversationId() + "/messages";
        for (String limit :
                List.of("-1", "0", "201", "99999999999", "abc", "", "%00", "1e2", "%205", "5.5", "0x10", "%2B5")) {
            boolean exact = limit.equals("-1") || limit.equals("99999999999") || limit.equals("abc");
            Expect expect = exact ? new Expect(400, "VALIDATION_FAILED", "limit") : Expect.ANY;
            for (String path : List.of("/v1/conversations", conv, "/v1/users")) {
                cases.add(new Case(get("limit " + path + " " + limit, path + "?limit=" + limit, token()), expect));
            }
        }
        for (String cursor : List.of(
                "%00", "..%2F..%2Fetc%2Fpasswd", "AAAA", "%ZZ", "'", "x".repeat(4000), "%F0%9F%92%A9", "eyJ9", "-1")) {
            cases.add(new Case(
                    get("cursor conversations " + abbreviate(cursor), "/v1/conversations?cursor=" + cursor, token()),
                    Expect.ANY));
            cases.add(new Case(
                    get(
                            "cursor messages " + abbreviate(cursor),
                            conv + "?cursor=" + cursor + "&direction=backward",
                            token()),
                    Expect.ANY));
        }
        for (String direction : List.of("sideways", "%00", "", "BACKWARD")) {
            cases.add(new Case(get("direction " + direction, conv + "?direction=" + direction, token()), Expect.ANY));
        }
        for (String name : List.of("%00", "%25", "_", "a".repeat(100), "%E2%80%AE", "%27%20OR%201%3D1", "%5C")) {
            cases.add(new Case(
                    get("username prefix " + abbreviate(name), "/v1/users?username=" + name, token()), Expect.ANY));
        }
        for (String[] upload : new String[][] {
            {"%20", "0"},
            {"not-a-uuid", "0"},
            {UUID.randomUUID().toString(), "-1"},
            {UUID.randomUUID().toString(), "99999999999"},
            {UUID.randomUUID().toString(), "abc"},
            {"", ""},
            {UUID.randomUUID().toString(), "0"}
        }) {
            String target = "/v1/files/upload?file_id=" + upload[0] + "&chunk_id=" + upload[1];
            cases.add(new Case(
                    RawHttp.Request.of(
                            "upload " + target,
                            "PATCH",
                            target,
                            headers("Authorization: Bearer " + token(), "Content-Type: application/octet-stream"),
                            "chunk".getBytes(StandardCharsets.UTF_8)),
                    Expect.ANY));
        }
        cases.add(new Case(
                RawHttp.Request.of(
                        "upload without parameters",
                        "PATCH",
                        "/v1/files/upload",
                        headers("Authorization: Bearer " + token(), "Content-Type: application/octet-stream"),
                        new byte[0]),
                new Expect(400, "VALIDATION_FAILED", "file_id")));
    }

    // ---- the web server's own refusals ----------------------------------------------------------

    private void webServerRefusals() {
        String big = "a".repeat(9_000);
        cases.add(new Case(
                get("header of 9 KB", "/v1/users/me", token(), "X-Big: " + big),
                new Expect(431, "HEADER_TOO_LARGE", null)));
        cases.add(new Case(
                get("bearer token of 9 KB", "/v1/users/me", null, "Authorization: Bearer " + big),
                new Expect(431, "HEADER_TOO_LARGE", null)));
        cases.add(new Case(
                get("query of 9 KB", "/v1/conversations?cursor=" + big, token()),
                new Expect(414, "URI_TOO_LONG", null)));
        cases.add(new Case(
                get("path of 20 KB", "/v1/" + "a".repeat(20_000), token()), new Expect(414, "URI_TOO_LONG", null)));
        cases.add(new Case(
                get("query of 70 KB", "/v1/users?username=" + "b".repeat(70_000), token()),
                new Expect(414, "URI_TOO_LONG", null)));
        List<String> many = headers("Authorization: Bearer " + token());
        for (int i = 0; i < 150; i++) {
            many.add("X-H" + i + ": v");
        }
        cases.add(new Case(RawHttp.Request.of("150 headers", "GET", "/v1/users/me", many, null), Expect.ANY));
        String auth = "Authorization: Bearer " + token();
        String[][] raw = {
            {
                "space in the path",
                "GET /v1/users me HTTP/1.1\r\nHost: localhost\r\n" + auth + "\r\nConnection: close\r\n"
            },
            {
                "raw non-ASCII path",
                "GET /v1/users/\u00e9 HTTP/1.1\r\nHost: localhost\r\n" + auth + "\r\nConnection: close\r\n"
            },
            {"no Host header", "GET /v1/users/me HTTP/1.1\r\n" + auth + "\r\nConnection: close\r\n"},
            {
                "two Host headers",
                "GET /v1/users/me HTTP/1.1\r\nHost: a\r\nHost: b\r\n" + auth + "\r\nConnection: close\r\n"
            },
            {"asterisk target", "GET * HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"},
            {
                "absolute target",
                "GET http://evil.example/v1/users/me HTTP/1.1\r\nHost: localhost\r\n" + auth
                        + "\r\nConnection: close\r\n"
            },
            {"HTTP/9.9", "GET /v1/users/me HTTP/9.9\r\nHost: localhost\r\n" + auth + "\r\nConnection: close\r\n"},
            {
                "header without colon",
                "GET /v1/users/me HTTP/1.1\r\nHost: localhost\r\nBroken header\r\n" + auth + "\r\nConnection: close\r\n"
            },
            {
                "NUL in a header",
                "GET /v1/users/me HTTP/1.1\r\nHost: localhost\r\nX-A: a\u0000b\r\n" + auth + "\r\nConnection: close\r\n"
            },
            {
                "control character in a header",
                "GET /v1/users/me HTTP/1.1\r\nHost: localhost\r\nX-A: a\u0007b\r\n" + auth + "\r\nConnection: close\r\n"
            },
            {
                "obs-fold header",
                "GET /v1/users/me HTTP/1.1\r\nHost: localhost\r\nX-A: a\r\n b\r\n" + auth + "\r\nConnection: close\r\n"
            },
            {
                "negative Content-Length",
                "POST /v1/messages HTTP/1.1\r\nHost: localhost\r\n" + auth
                        + "\r\nContent-Type: application/json\r\nContent-Length: -1\r\nConnection: close\r\n"
            },
            {
                "Content-Length abc",
                "POST /v1/messages HTTP/1.1\r\nHost: localhost\r\n" + auth
                        + "\r\nContent-Type: application/json\r\nContent-Length: abc\r\nConnection: close\r\n"
            },
            {
                "Content-Length and chunked",
                "POST /v1/messages HTTP/1.1\r\nHost: localhost\r\n" + auth
                        + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n"
            },
            {
                "Transfer-Encoding gzip",
                "POST /v1/messages HTTP/1.1\r\nHost: localhost\r\n" + auth
                        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: gzip\r\nConnection: close\r\n\r\n{}"
            },
            {
                "huge Content-Length",
                "POST /v1/messages HTTP/1.1\r\nHost: localhost\r\n" + auth
                        + "\r\nContent-Type: application/json\r\nContent-Length: 99999999999\r\nConnection: close\r\n"
            },
            {
                "Content-Length over 64 KiB",
                "POST /v1/conversations HTTP/1.1\r\nHost: localhost\r\n" + auth
                        + "\r\nContent-Type: application/json\r\nContent-Length: 65537\r\nConnection: close\r\n"
            },
        };
        for (String[] r : raw) {
            Expect expect = r[0].equals("Content-Length over 64 KiB") || r[0].equals("huge Content-Length")
                    ? new Expect(413, LIMIT_MESSAGE, null)
                    : Expect.ANY;
            int blank = r[1].indexOf("\r\n\r\n");
            String head = blank < 0 ? r[1] : r[1].substring(0, blank + 2);
            byte[] body = blank < 0 ? null : r[1].substring(blank + 4).getBytes(StandardCharsets.ISO_8859_1);
            cases.add(new Case(new RawHttp.Request("raw " + r[0], head, body), expect));
        }
    }

    private void traversalAndMethods() {
        for (String path : List.of(
                "/v1/conversations/%2e%2e/x",
                "/v1/conversations/..%2F..%2Fetc",
                "/v1/%2e%2e/actuator/health",
                "/v1/conversations/%2F",
                "/v1/conversations//x",
                "/./v1/users/me",
                "/v1/users/me/..",
                "/v1/users/me/../../..",
                "/v1/users/me%00",
                "/v1%5Cusers",
                "/%5c..%5c",
                "/v1/users/me;jsessionid=x",
                "/v1/users/%2e/me",
                "/v1/conversations/%252e%252e/x",
                "/v1/..;/users/me",
                "/v1/users/me%0d%0aSet-Cookie:x",
                "/v1/users/me#x",
                "/v1/users/me?%",
                "/v1/users/me?a=%ZZ",
                "//v1/users/me",
                "/v1/users/ME",
                "/v1/nothing-here",
                "/actuator/env",
                "/actuator/heapdump",
                "/error",
                "/v1/messages/")) {
            cases.add(new Case(get("traversal " + path, path, token()), Expect.ANY));
        }
        for (String method : List.of("FOO", "TRACE", "CONNECT", "PROPFIND", "DELETE", "PUT")) {
            for (String path : List.of("/v1/messages", "/v1/users/me", "/auth/token")) {
                Expect expect = method.equals("FOO") || method.equals("TRACE") || method.equals("DELETE")
                        ? new Expect(405, "METHOD_NOT_ALLOWED", null)
                        : Expect.ANY;
                cases.add(new Case(
                        RawHttp.Request.of(
                                "method " + method + " " + path,
                                method,
                                path,
                                headers("Authorization: Bearer " + token()),
                                null),
                        expect));
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private int nextSender() {
        return sequence.incrementAndGet() % fixture.tokens().size();
    }

    private String token() {
        return fixture.tokens().get(nextSender());
    }

    /** Every login gets its own client address, so that no hostile login spends another test's limits. */
    private String forwardedFor() {
        int n = sequence.incrementAndGet();
        return "X-Forwarded-For: 10.77." + (n / 250 % 250) + "." + (n % 250 + 1);
    }

    private RawHttp.Request post(String label, BodyEndpoint endpoint, int sender, String contentType, byte[] body) {
        List<String> headers = headers();
        if (!contentType.isEmpty()) {
            headers.add("Content-Type: " + contentType);
        }
        headers.add(
                endpoint.authenticated()
                        ? "Authorization: Bearer " + fixture.tokens().get(sender)
                        : forwardedFor());
        return RawHttp.Request.of(label, "POST", endpoint.path(), headers, body);
    }

    private RawHttp.Request chunked(BodyEndpoint endpoint, String body) {
        List<String> headers = headers("Content-Type: application/json", "Transfer-Encoding: chunked");
        headers.add(endpoint.authenticated() ? "Authorization: Bearer " + token() : forwardedFor());
        String wire = Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
        return RawHttp.Request.of(
                "chunked 1 MB " + endpoint.path(),
                "POST",
                endpoint.path(),
                headers,
                wire.getBytes(StandardCharsets.UTF_8));
    }

    private static RawHttp.Request get(String label, String target, String token, String... extra) {
        List<String> headers = headers(extra);
        if (token != null) {
            headers.add("Authorization: Bearer " + token);
        }
        return RawHttp.Request.of(label, "GET", target, headers, null);
    }

    /** JSON paths of the template's fields: {@code payload.text}, {@code members[0]}. */
    @SuppressWarnings("unchecked")
    private static List<String> fieldPaths(Map<String, Object> body, String prefix) {
        List<String> paths = new ArrayList<>();
        body.forEach((key, value) -> {
            paths.add(prefix + key);
            if (value instanceof Map<?, ?> nested) {
                paths.addAll(fieldPaths((Map<String, Object>) nested, prefix + key + "."));
            } else if (value instanceof List<?> list && !list.isEmpty()) {
                paths.add(prefix + key + "[0]");
            }
        });
        return paths;
    }

    /** The template's JSON with the field at {@code path} replaced by the raw JSON {@code value}. */
    @SuppressWarnings("unchecked")
    private static String replace(String json, String path, String value) {
        try {
            Map<String, Object> body = JSON.readValue(json, Map.class);
            String marker = "\"@@HOSTILE@@\"";
            Object container = body;
            String[] parts = path.split("\\.");
            for (int i = 0; i < parts.length - 1; i++) {
                container = ((Map<String, Object>) container).get(parts[i]);
            }
            String last = parts[parts.length - 1];
            if (last.endsWith("[0]")) {
                List<Object> list = new ArrayList<>(
                        (List<Object>) ((Map<String, Object>) container).get(last.substring(0, last.length() - 3)));
                list.set(0, "@@HOSTILE@@");
                ((Map<String, Object>) container).put(last.substring(0, last.length() - 3), list);
            } else {
                ((Map<String, Object>) container).put(last, "@@HOSTILE@@");
            }
            return JSON.writeValueAsString(body).replace(marker, value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static String abbreviate(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…(" + text.length() + " chars)" : text;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
