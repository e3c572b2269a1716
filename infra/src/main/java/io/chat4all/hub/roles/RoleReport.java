package io.chat4all.hub.roles;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** One line at start saying what this process does, so that an operator reading the log of several knows which is which. */
@Component
class RoleReport implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RoleReport.class);

    private final Environment env;

    RoleReport(Environment env) {
        this.env = env;
    }

    @Override
    public void run(ApplicationArguments args) {
        Set<Role> roles = Role.parse(env.getProperty(Role.PROPERTY));
        List<String> idle = Arrays.stream(Role.values())
                .filter(r -> !roles.contains(r))
                .flatMap(r -> r.processors().stream())
                .toList();
        log.info(
                "Roles {} (chat4all.roles); event processors idle in this process: {}",
                roles.stream().map(Role::key).toList(),
                idle.isEmpty() ? "none" : idle);
    }
}
