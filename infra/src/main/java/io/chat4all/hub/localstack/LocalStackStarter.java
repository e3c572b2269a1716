package io.chat4all.hub.localstack;

import java.util.Map;
import java.util.Set;

import io.chat4all.hub.roles.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private static final Logger log = LoggerFactory.getLogger(LocalStackStarter.class);

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
        boolean needPostgres = isBlank(env, "spring.datasource.url");
        boolean needKafka = isBlank(env, "chat4all.kafka.bootstrap-servers");
        boolean needS3 = isBlank(env, "chat4all.s3.endpoint");
        Set<Role> roles = Role.parse(env.getProperty("chat4all.roles"));
        if (!roles.contains(Role.INFRA) && (needPostgres || needKafka || needS3)) {
            // A process of other roles is one of several: an embedded server of its own would split the data.
            throw new IllegalStateException("chat4all.roles " + roles + " lacks infra, so nothing is embedded: set "
                    + (needPostgres ? "SPRING_DATASOURCE_URL " : "") + (needKafka ? "KAFKA_BOOTSTRAP_SERVERS " : "")
                    + (needS3 ? "S3_ENDPOINT " : "") + "(or add infra to chat4all.roles)");
        }
        Map<String, Object> properties = LocalStack.start(config, needPostgres, needKafka, needS3);
        env.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
        if (Role.infraOnly(roles)) {
            log.info(
                    "Infra role: for the other hub processes SPRING_DATASOURCE_URL={} SPRING_DATASOURCE_USERNAME={} "
                            + "KAFKA_BOOTSTRAP_SERVERS={} S3_ENDPOINT={} (S3 keys: chat4all.local.s3-access-key, -secret-key)",
                    env.getProperty("spring.datasource.url"),
                    env.getProperty("spring.datasource.username"),
                    env.getProperty("chat4all.kafka.bootstrap-servers"),
                    env.getProperty("chat4all.s3.endpoint"));
        }
    }

    private static boolean isBlank(ConfigurableEnvironment env, String property) {
        return !StringUtils.hasText(env.getProperty(property));
    }

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }
}
