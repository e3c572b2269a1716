package io.chat4all.hub.query;

import static io.chat4all.hub.query.ReadSideCalls.list;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.chat4all.hub.ApiClient;
import io.chat4all.hub.HubIntegrationTest;
import io.chat4all.query.ReadModelProcessor;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The read model behind, as when its projections process was down for a while, catches up in
 * large batches: a read, a new message and a read of that message then land in one batch, and
 * the second read mark must still find the message the same batch inserts (it was lost when the
 * marks of a batch ran before its messages; a rebuild by replay lost marks the same way). Uses
 * user051..user053, which no other test touches.
 */
class ReadModelCatchUpTest extends HubIntegrationTest {

    @Autowired
    ApiClient api;

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void aReadOfAMessageProjectedInTheSameBatchIsKept() {
        ReadSideCalls calls = new ReadSideCalls(api);
        String sender = api.login("user051");
        String reader = api.login("user052");
        List<String> ids = List.of(api.userId("user051"), api.userId("user052"), api.userId("user053"));
        String group = calls.createConversation(sender, "group", ids, Map.of("name", "Catch-up"));
        String first = calls.sendText(sender, group, ids.get(0), "before the pause");
        calls.awaitFinal(sender, first);

        TrackingEventProcessor readModel = processing
                .eventProcessor(ReadModelProcessor.NAME, TrackingEventProcessor.class)
                .orElseThrow();
        String second;
        readModel.shutDown();
        try {
            // Answered without waiting: no process runs the read model now (HandlingProjections).
            calls.markRead(reader, group, first);
            second = calls.sendText(sender, group, ids.get(0), "during the pause");
            calls.markRead(reader, group, second);
        } finally {
            readModel.start();
        }

        Map<String, Object> view = calls.await(
                        "/v1/messages/" + second,
                        sender,
                        r -> r.status() == 200 && !list(r.body().get("read_by")).isEmpty())
                .body();
        assertThat(list(view.get("read_by"))).extracting(r -> r.get("user_id")).containsExactly(ids.get(1));
        assertThat(list(api.get("/v1/messages/" + first, sender).body().get("read_by")))
                .extracting(r -> r.get("user_id"))
                .containsExactly(ids.get(1));
        Map<String, Object> forReader =
                api.get("/v1/conversations/" + group, reader).body();
        assertThat(forReader).containsEntry("unread_count", 0);
    }
}
