package io.chat4all.hub.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.chat4all.hub.ApiClient;
import io.chat4all.hub.HubIntegrationTest;
import io.chat4all.query.ReadModelProcessor;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A write whose projection runs in this process is answered on the projection's own report of its
 * commit, not on a read of the token store (read once a second then): the report must already
 * cover the write when its answer arrives. Were the report lost, writes would still be answered
 * (by the slow read), so ReadYourWritesTest alone would not notice.
 */
class LocalProjectionCommitsTest extends HubIntegrationTest {

    @Autowired
    ApiClient api;

    @Autowired
    ReadModelCatchUp catchUp;

    @Test
    void theReadModelHereHasReportedAnAcceptedMessageByTheTimeItIsAnswered() {
        String alice = api.login("user058");
        List<String> others = List.of(api.userId("user059"), api.userId("user060"));
        String conversationId =
                (String) api.post("/v1/conversations", alice, Map.of("type", "group", "members", others))
                        .body()
                        .get("conversation_id");
        String messageId = UUID.randomUUID().toString();
        ApiClient.Response sent = api.post(
                "/v1/messages",
                alice,
                Map.of(
                        "message_id",
                        messageId,
                        "conversation_id",
                        conversationId,
                        "from",
                        api.userId("user058"),
                        "payload",
                        Map.of("type", "text", "text", "reported")));
        assertThat(sent.status()).as(sent.rawBody()).isEqualTo(200);

        long position = catchUp.positions().latestOf(messageId).position();
        assertThat(catchUp.committedHere(ReadModelProcessor.NAME).values())
                .as("the read model's report of its commit covers event %d", position)
                .anyMatch(token -> ProjectionPositions.applied(token, position));
    }

    @Test
    void theFurtherOfTwoTokensOfASegmentCounts() {
        GapAwareTrackingToken at5 = GapAwareTrackingToken.newInstance(5, Set.of());
        GapAwareTrackingToken at9 = GapAwareTrackingToken.newInstance(9, Set.of());
        assertThat(ReadModelCatchUp.later(at5, at9)).isSameAs(at9);
        assertThat(ReadModelCatchUp.later(at9, at5)).isSameAs(at9);
        assertThat(ReadModelCatchUp.later(null, at5)).isSameAs(at5);
    }
}
