package io.chat4all.hub.replay;

import java.time.Duration;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** {@code chat4all.replay.on-start=true}: the read model is rebuilt right after this process has started. */
@Component
@ConditionalOnProperty(name = "chat4all.role.projections", havingValue = "true", matchIfMissing = true)
class ReplayOnStart implements ApplicationRunner {

    private final ReadModelReplay replay;
    private final ReplaySettings settings;

    ReplayOnStart(ReadModelReplay replay, ReplaySettings settings) {
        this.replay = replay;
        this.settings = settings;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (settings.onStart()) {
            try {
                replay.awaitProcessorsStarted(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            replay.start();
        }
    }
}
