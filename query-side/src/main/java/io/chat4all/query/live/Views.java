package io.chat4all.query.live;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chat4all.query.QueryAnswers;
import io.chat4all.query.conversation.ConversationQueries.ConversationViews;
import io.chat4all.query.conversation.ConversationQueries.FindConversationsById;
import io.chat4all.query.conversation.ConversationView;
import io.chat4all.query.message.MessageQueries.FindMessagesById;
import io.chat4all.query.message.MessageQueries.MessageViews;
import io.chat4all.query.message.MessageView;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * The current views of changed items, as the GET endpoints show them. A message's view is the
 * same for every member: read and serialized once however many streams it goes to. A
 * conversation's view holds the member's own unread_count: read per member (conversation events
 * are rare: one per creation, and a resume's backlog).
 */
@Component
class Views {

    private final QueryGateway queries;
    private final ObjectMapper json;

    Views(QueryGateway queries, ObjectMapper json) {
        this.queries = queries;
        this.json = json;
    }

    /** Message id to its view's JSON, for the message changes among these; messages without a view (gone in a rebuild) are left out. */
    Map<UUID, String> messages(Collection<Changes.Change> changes) {
        List<String> messages = changes.stream()
                .filter(c -> c.kind() != FeedKind.CONVERSATION)
                .map(c -> c.item().toString())
                .distinct()
                .toList();
        Map<UUID, String> views = new HashMap<>();
        if (!messages.isEmpty()) {
            for (MessageView view : QueryAnswers.ask(queries, new FindMessagesById(messages), MessageViews.class)
                    .messages()) {
                views.put(UUID.fromString(view.messageId()), write(view));
            }
        }
        return views;
    }

    /** Conversation id to its view's JSON as this member sees it, for the conversation changes among these. */
    Map<UUID, String> conversations(UUID viewer, Collection<Changes.Change> changes) {
        List<String> conversations = changes.stream()
                .filter(c -> c.kind() == FeedKind.CONVERSATION)
                .map(c -> c.item().toString())
                .distinct()
                .toList();
        Map<UUID, String> views = new HashMap<>();
        if (!conversations.isEmpty()) {
            for (ConversationView view : QueryAnswers.ask(
                            queries,
                            new FindConversationsById(conversations, viewer.toString()),
                            ConversationViews.class)
                    .conversations()) {
                views.put(UUID.fromString(view.conversationId()), write(view));
            }
        }
        return views;
    }

    private String write(Object view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A view that cannot be written as JSON", e);
        }
    }
}
