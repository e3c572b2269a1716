package io.chat4all.hub.faults;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The spec's mix, sent by a few closed-loop users the way real clients send: each user alternates
 * between a private conversation and a group of five, every second message to {@code ["all"]}.
 * A send that gets no answer (the hub is down) or a 503 is sent again, with the same
 * {@code message_id} and body, until the hub answers: so every message a user wrote is accepted
 * exactly once in the end, and the hub must neither lose nor duplicate it.
 */
final class MixedLoad {

    /** One accepted message and a token of a member who may read it. */
    record Accepted(String messageId, String conversationId, String token) {}

    /** One answer to a send: when it was sent and answered (System.nanoTime) and with which status (-1: no answer). */
    record Answer(long sentAt, long at, int status, String retryAfter) {}

    private record User(String id, String token) {}

    private final JsonHttp http;
    private final int users;
    private final long thinkMillis;
    private final List<User> senders = new ArrayList<>();
    private final Map<String, String> readerTokenByConversation = new LinkedHashMap<>();
    private final Map<String, List<String>> conversationsByUser = new HashMap<>();
    private final Map<String, Accepted> accepted = new ConcurrentHashMap<>();
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    MixedLoad(JsonHttp http, int users, long thinkMillis) {
        this.http = http;
        this.users = users;
        this.thinkMillis = thinkMillis;
    }

    /** Logs the users in (demo users user001...) and creates each one's private and group conversation. */
    void prepare() throws IOException {
        List<User> all = new ArrayList<>();
        for (int i = 1; i <= users + 4; i++) {
            String name = String.format("user%03d", i);
            JsonNode login = http.ok("POST", "/auth/token", null, Map.of("username", name, "password", "chat4all"));
            all.add(new User(
                    login.get("user_id").asText(), login.get("access_token").asText()));
        }
        for (int i = 0; i < users; i++) {
            User user = all.get(i);
            senders.add(user);
            String privateId = http.ok(
                            "POST",
                            "/v1/conversations",
                            user.token(),
                            Map.of(
                                    "type",
                                    "private",
                                    "members",
                                    List.of(all.get(i + 1).id())))
                    .get("conversation_id")
                    .asText();
            String groupId = http.ok(
                            "POST",
                            "/v1/conversations",
                            user.token(),
                            Map.of(
                                    "type",
                                    "group",
                                    "members",
                                    List.of(
                                            all.get(i + 1).id(),
                                            all.get(i + 2).id(),
                                            all.get(i + 3).id(),
                                            all.get(i + 4).id()),
                                    "metadata",
                                    Map.of("name", "group of " + user.id())))
                    .get("conversation_id")
                    .asText();
            conversationsByUser.put(user.id(), List.of(privateId, groupId));
            readerTokenByConversation.put(privateId, user.token());
            readerTokenByConversation.put(groupId, user.token());
        }
    }

    void start() {
        running = true;
        for (User user : senders) {
            Thread thread = new Thread(() -> sendLoop(user), "load-" + user.id().substring(0, 8));
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Stops sending new messages; a send still unanswered is retried until the hub answers it (at most a minute). */
    void stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(90));
        }
    }

    private void sendLoop(User user) {
        List<String> conversations = conversationsByUser.get(user.id());
        int n = 0;
        while (running) {
            String conversationId = conversations.get(n % 2);
            List<String> channels = (n / 2) % 2 == 0 ? List.of() : List.of("all");
            Map<String, Object> body = new LinkedHashMap<>();
            String messageId = UUID.randomUUID().toString();
            body.put("message_id", messageId);
            body.put("conversation_id", conversationId);
            body.put("from", user.id());
            body.put("channels", channels);
            body.put("payload", Map.of("type", "text", "text", "mixed load " + n));
            send(user.token(), body);
            n++;
            pause(thinkMillis);
        }
    }

    /** Sends until the hub answers other than 503; the message counts as accepted when answered so. */
    void send(String token, Map<String, Object> body) {
        // As long as a restart may take to be ready (HubProcess waits 2 min): on a busy machine one took 71 s.
        long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < giveUpAt) {
            JsonHttp.Answer answer;
            long sentAt = System.nanoTime();
            try {
                answer = http.call("POST", "/v1/messages", token, body);
            } catch (IOException down) {
                answers.add(new Answer(sentAt, System.nanoTime(), -1, null));
                pause(200);
                continue;
            }
            answers.add(new Answer(sentAt, System.nanoTime(), answer.status(), answer.header("Retry-After")));
            if (answer.status() == 503) {
                pause(250); // an eager client; Retry-After would say longer
                continue;
            }
            if (answer.status() == 200
                    && "accepted".equals(answer.body().path("status").asText())) {
                String id = (String) body.get("message_id");
                accepted.put(id, new Accepted(id, (String) body.get("conversation_id"), token));
            } else {
                unexpected.add(answer.status() + " " + answer.response().body());
            }
            return;
        }
        unexpected.add("no answer within 120 s for " + body.get("message_id"));
    }

    Map<String, Accepted> accepted() {
        return accepted;
    }

    List<Answer> answers() {
        return List.copyOf(answers);
    }

    /** Seconds from {@code since} (System.nanoTime) to the first answer {@code status} to a send made after it; fails if none. */
    double secondsToFirst(int status, long since) {
        long first = answers.stream()
                .filter(a -> a.status() == status && a.sentAt() > since)
                .mapToLong(Answer::at)
                .min()
                .orElseThrow(() -> new AssertionError("no " + status + " to a send after the moment"));
        return (first - since) / 1e9;
    }

    long count(int status) {
        return answers.stream().filter(a -> a.status() == status).count();
    }

    List<String> unexpectedAnswers() {
        return List.copyOf(unexpected);
    }

    Map<String, String> readerTokenByConversation() {
        return Collections.unmodifiableMap(readerTokenByConversation);
    }

    /** The group conversation of the first user, and that user's id and token (for a file message). */
    String firstGroup() {
        return conversationsByUser.get(senders.get(0).id()).get(1);
    }

    String firstUserId() {
        return senders.get(0).id();
    }

    String firstUserToken() {
        return senders.get(0).token();
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
