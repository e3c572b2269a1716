package io.chat4all.command.limits;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The abuse limits of API.md's Operations section. Counting is per hub instance, in memory.
 *
 * @param loginFailuresPerUser    failed logins allowed for one username from one client address per
 *                                {@code loginWindow}; the next attempt is 429 until the window passes (5)
 * @param loginFailuresPerAddress failed logins allowed from one client address, whatever the usernames,
 *                                per {@code loginWindow} (30)
 * @param loginWindow             the window of the two login limits, counted from the first failure (1 minute)
 * @param messagesPerSecond       {@code POST /v1/messages} requests allowed per user and second, refilled
 *                                continuously; the next is 429 (100)
 * @param maxJsonBody             the largest request body, JSON or form, outside chunk uploads; a larger
 *                                one is 413 before it is read (64 KiB)
 */
@ConfigurationProperties("chat4all.limits")
public record LimitSettings(
        @DefaultValue("5") int loginFailuresPerUser,
        @DefaultValue("30") int loginFailuresPerAddress,
        @DefaultValue("1m") Duration loginWindow,
        @DefaultValue("100") int messagesPerSecond,
        @DefaultValue("64KB") DataSize maxJsonBody) {

    public LimitSettings {
        if (loginFailuresPerUser < 1 || loginFailuresPerAddress < 1 || messagesPerSecond < 1) {
            throw new IllegalArgumentException("chat4all.limits.* counts must be at least 1");
        }
        if (loginWindow.isNegative() || loginWindow.isZero()) {
            throw new IllegalArgumentException("chat4all.limits.login-window must be positive, was " + loginWindow);
        }
    }
}
