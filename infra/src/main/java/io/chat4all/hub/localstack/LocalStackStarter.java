package io.chat4all.hub.localstack;

import java.util.Map;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Starts the embedded PostgreSQL, Kafka broker and S3 server for each part that has no
 * external address, before the Spring context is created, and points the hub at them.
 * It runs just after logging is initialised, so the servers log like the rest of the hub.
 *
 * <p>External addresses: {@code spring.datasource.url} ({@code SPRING_DATASOURCE_URL}),
 * {@code chat4all.kafka.bootstrap-servers} ({@code KAFKA_BOOTSTRAP_SERVERS}),
 * {@code chat4all.s3.endpoint} ({@code S3_ENDPOINT}).
 */
public class LocalStackStarter implements ApplicationListener<SpringApplicationEvent>, Ordered {

    static final String PROPERTY_SOURCE = "chat4allLocalStack";

    @Override
    public void onApplicationEvent(SpringApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            start(prepared.getEnvironment());
        } else if (event instanceof ApplicationFailedEvent) {
            // Kafka's threads would keep a JVM whose hub failed to start alive forever.
            LocalStack.stop();
        }
    }

    private void start(ConfigurableEnvironment env) {

        if (env.getPropertySources().contains(PROPERTY_SOURCE)) {
            return;
        }
        LocalStackProperties config = Binder.get(env).bindOrCreate("chat4all.local", LocalStackProperties.class);
        Map<String, Object> properties = LocalStack.start(config,
                isBlank(env, "spring.datasource.url"),
                isBlank(env, "chat4all.kafka.bootstrap-servers"),
                isBlank(env, "chat4all.s3.endpoint"));
        env.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
    }

    private static boolean isBlank(ConfigurableEnvironment env, String property) {
        return !StringUtils.hasText(env.getProperty(property));
    }

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }
}
