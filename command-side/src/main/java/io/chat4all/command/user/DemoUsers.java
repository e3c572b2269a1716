package io.chat4all.command.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The demo users of API.md (alice … judy, user001 … user100, password "chat4all"), created at
 * start when missing, in the local default only ({@code chat4all.auth.seed-demo-users}, off in
 * the prod profile). One bcrypt hash serves them all: they share the password anyway, and 110
 * hashes at ~70 ms each would slow every start.
 */
@Component
class DemoUsers implements ApplicationRunner {

    static final String PASSWORD = "chat4all";
    static final List<String> NAMES = Stream.concat(
                    Stream.of("alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy"),
                    IntStream.rangeClosed(1, 100).mapToObj(i -> String.format("user%03d", i)))
            .toList();
    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

    private final UserDirectory users;
    private final AuthSettings settings;

    DemoUsers(UserDirectory users, AuthSettings settings) {
        this.users = users;
        this.settings = settings;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!settings.seedDemoUsers()) {
            return;
        }
        Set<String> existing = users.existingUsernames(NAMES);
        if (existing.size() == NAMES.size()) {
            return;
        }
        String hash = new BCryptPasswordEncoder(settings.bcryptCost()).encode(PASSWORD);
        List<UserAccount> missing = new ArrayList<>();
        for (String name : NAMES) {
            if (!existing.contains(name)) {
                missing.add(new UserAccount(UUID.randomUUID().toString(), name, hash, UserDirectory.now(), "ACTIVE"));
            }
        }
        users.add(missing);
        log.info("Created {} demo users (chat4all.auth.seed-demo-users=false skips this)", missing.size());
    }
}
