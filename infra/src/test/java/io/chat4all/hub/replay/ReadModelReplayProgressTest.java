package io.chat4all.hub.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.chat4all.hub.roles.Role;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * When a replay is done: every segment of the store has caught up, also one no thread has claimed
 * yet (right after the processors restart, a thread may claim its segment a second later). Counting
 * only the claimed segments once reported a half-done replay as done.
 */
class ReadModelReplayProgressTest {

    private static final long HEAD = 42;

    private final EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
    private final Map<String, Map<Integer, EventTrackerStatus>> claimed = new HashMap<>();
    private final ReadModelReplay replay;

    ReadModelReplayProgressTest() {
        JdbcTemplate jdbc = mock(JdbcTemplate.class);
        when(jdbc.queryForObject(anyString(), eq(Long.class))).thenReturn(HEAD);
        for (String name : Role.PROJECTIONS.processors()) {
            claimed.put(name, new HashMap<>());
            StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
            when(processor.getName()).thenReturn(name);
            when(processor.processingStatus()).thenAnswer(call -> Map.copyOf(claimed.get(name)));
            when(processing.eventProcessor(name, StreamingEventProcessor.class)).thenReturn(Optional.of(processor));
            TokenStore tokens = mock(TokenStore.class);
            when(tokens.fetchSegments(name)).thenReturn(new int[] {0, 1});
            when(processing.tokenStore(name)).thenReturn(tokens);
        }
        replay = new ReadModelReplay(processing, jdbc, new ReplaySettings(false, Duration.ofSeconds(5)));
    }

    @Test
    void notDoneWhileASegmentOfTheStoreIsUnclaimed() {
        replay.start();
        claimed.values().forEach(segments -> segments.put(0, caughtUp()));

        assertThat(replay.progress().state()).isEqualTo("replaying");

        claimed.values().forEach(segments -> segments.put(1, caughtUp()));
        assertThat(replay.progress().state()).isEqualTo("done");
        assertThat(replay.progress().positions()).containsOnlyKeys(Role.PROJECTIONS.processors());
        assertThat(replay.progress().positions().values()).containsOnly(HEAD);
        replay.destroy();
    }

    @Test
    void notDoneWhileAClaimedSegmentIsShortOfTheHeadAtTheReset() {
        replay.start();
        claimed.values().forEach(segments -> {
            segments.put(0, caughtUp());
            segments.put(1, replaying(HEAD - 1));
        });

        assertThat(replay.progress().state()).isEqualTo("replaying");
        replay.destroy();
    }

    private static EventTrackerStatus caughtUp() {
        return replaying(HEAD);
    }

    /** A segment in replay at {@code position}, its reset at the head. */
    private static EventTrackerStatus replaying(long position) {
        EventTrackerStatus status = mock(EventTrackerStatus.class);
        when(status.isReplaying()).thenReturn(true);
        when(status.getCurrentPosition()).thenReturn(OptionalLong.of(position));
        when(status.getResetPosition()).thenReturn(OptionalLong.of(HEAD));
        return status;
    }
}
