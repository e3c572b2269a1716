package io.chat4all.hub.consistency;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a write waits for the read model (API.md, Consistency).
 *
 * @param bound       the longest a write's answer waits for the projections (2 s, as API.md says)
 * @param pollEvery   how often, while writes wait, the projections' positions are read from PostgreSQL
 * @param projections the event processors of the read model that a write waits for
 */
@ConfigurationProperties("chat4all.consistency")
public record ConsistencySettings(
        @DefaultValue("2s") Duration bound,
        @DefaultValue("10ms") Duration pollEvery,

        @DefaultValue("read-model") List<String> projections) {}
