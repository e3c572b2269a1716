package io.chat4all.hub.roles;

import java.util.Set;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The {@code infra} role alone: only the embedded PostgreSQL, Kafka broker and S3 server, for
 * hub processes of other roles to point at. It runs a Spring application with no beans and no
 * web server, so the embedded stack starts exactly as in the local default (the
 * {@code LocalStackStarter} listener, same settings, same data directory layout, same logging)
 * and stops in order on SIGTERM; the addresses for the others are logged once it is up.
 */
public final class InfraProcess {

    private InfraProcess() {}

    /**
     * The roles as given on the command line, as a system property or in {@code CHAT4ALL_ROLES},
     * read before Spring starts (it decides which application starts).
     */
    public static Set<Role> rolesFrom(String[] args) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        return Role.parse(env.getProperty(Role.PROPERTY));
    }

    public static void run(String[] args) throws InterruptedException {
        new SpringApplicationBuilder(InfraProcess.class)
                .web(WebApplicationType.NONE)
                .run(args);
        // The servers' threads keep the JVM up; SIGTERM runs the shutdown handlers that stop them.
        Thread.currentThread().join();
    }
}
