package io.chat4all.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.chat4all.hub.ApiClient;
import io.chat4all.hub.HubIntegrationTest;
import io.chat4all.hub.SseClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * API.md "At most 5 open streams per user" across instances: streams another instance opens
 * (registered in the shared table as that instance's {@link StreamRegistry} does, not held by
 * this process) push out the stream this hub serves, which hears of it by NOTIFY alone.
 * In this package to reach the registry, the way a second instance would use it.
 */
class StreamLimitAcrossInstancesTest extends HubIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Autowired
    ApiClient api;

    @Autowired
    StreamRegistry registry;

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int port;

    @Test
    void streamsOpenedOnAnotherInstanceCloseTheOldestHere() throws Exception {
        String token = api.login("user065");
        UUID user = UUID.fromString(api.userId("user065"));
        try (SseClient.Stream here = new SseClient(port).open("", token, null)) {
            assertThat(here.status).isEqualTo(200);
            assertThat(jdbc.queryForObject("select count(*) from live_stream where user_id = ?", Integer.class, user))
                    .as("the stream served here is registered for every instance to count")
                    .isEqualTo(1);
            for (int i = 0; i < 4; i++) {
                registry.register(UUID.randomUUID(), user, Instant.now()); // another instance's streams
            }
            assertThat(here.awaitEnd(Duration.ofSeconds(2)))
                    .as("five streams in all: none closed")
                    .isFalse();

            registry.register(UUID.randomUUID(), user, Instant.now()); // the sixth, elsewhere
            assertThat(here.awaitEnd(WAIT))
                    .as("the oldest stream, served here, closed")
                    .isTrue();
            assertThat(jdbc.queryForObject("select count(*) from live_stream where user_id = ?", Integer.class, user))
                    .isEqualTo(5);
        }
    }
}
