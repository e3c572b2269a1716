package io.chat4all.hub.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The benchmark's users and conversations. Demo users user001..userNNN log in; user i has a
 * private conversation with user i+1 and, in the spec's mix, a group as well: five members for
 * even i, ten for odd i (SC-007's sizes), the next users in a ring. A sender alternates between
 * its conversations, so half of its messages go to a group.
 */
final class BenchConversations {

    /** A conversation the benchmark sends to, with every member's index (the sender first). */
    record Conversation(String id, List<Integer> members) {}

    final String[] tokens;
    final String[] userIds;
    /** Per sender, the conversations it alternates between. */
    final List<List<Conversation>> bySender = new ArrayList<>();

    private BenchConversations(int users) {
        tokens = new String[users];
        userIds = new String[users];
    }

    static BenchConversations create(BenchHttp http, int users, boolean groups) throws Exception {
        BenchConversations setup = new BenchConversations(users);
        for (int i = 0; i < users; i++) {
            JsonNode login = http.call(
                    "POST",
                    "/auth/token",
                    null,
                    Map.of("username", String.format("user%03d", i + 1), "password", "chat4all"),
                    200);
            setup.tokens[i] = login.get("access_token").asText();
            setup.userIds[i] = login.get("user_id").asText();
        }
        for (int i = 0; i < users; i++) {
            List<Conversation> mine = new ArrayList<>();
            mine.add(setup.create(http, i, "private", 2));
            if (groups) {
                mine.add(setup.create(http, i, "group", Math.min(users, i % 2 == 0 ? 5 : 10)));
            }
            setup.bySender.add(mine);
        }
        return setup;
    }

    private Conversation create(BenchHttp http, int creator, String type, int size) throws Exception {
        int users = tokens.length;
        List<Integer> members = new ArrayList<>();
        List<String> others = new ArrayList<>();
        members.add(creator);
        for (int k = 1; k < size; k++) {
            int member = (creator + k) % users;
            members.add(member);
            others.add(userIds[member]);
        }
        Map<String, Object> body = type.equals("private")
                ? Map.of("type", "private", "members", others)
                : Map.of(
                        "type",
                        "group",
                        "members",
                        others,
                        "metadata",
                        Map.of("name", "bench group of user " + (creator + 1)));
        JsonNode created = http.call("POST", "/v1/conversations", tokens[creator], body, -1);
        return new Conversation(created.get("conversation_id").asText(), members);
    }
}
