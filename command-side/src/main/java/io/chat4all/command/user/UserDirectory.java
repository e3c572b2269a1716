package io.chat4all.command.user;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Which user ids exist, for the rules that need it on the command side (UNKNOWN_MEMBERS when a
 * conversation is created). Users are a plain table, not event-sourced.
 */
@Service
public class UserDirectory {

    private final JdbcTemplate jdbc;

    UserDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The ids among {@code userIds} that name no user, in the order given. */
    public Set<String> unknownUserIds(Collection<String> userIds) {
        List<String> known = jdbc.queryForList("select user_id::text from users where user_id = any(?)", String.class,
                (Object) userIds.stream().map(UUID::fromString).toArray(UUID[]::new));
        Set<String> unknown = new LinkedHashSet<>(userIds);
        unknown.removeAll(known);
        return unknown;
    }
}
