package io.chat4all.command.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The {@code users} table: who may log in, and which user ids exist (UNKNOWN_MEMBERS when a
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
        List<String> known =
                jdbc.queryForList("select user_id::text from users where user_id = any(?)", String.class, (Object)
                        userIds.stream().map(UUID::fromString).toArray(UUID[]::new));
        Set<String> unknown = new LinkedHashSet<>(userIds);
        unknown.removeAll(known);
        return unknown;
    }

    Optional<UserAccount> byUsername(String username) {
        return jdbc.query("select * from users where username = ?", UserDirectory::account, username).stream()
                .findFirst();
    }

    Optional<UserAccount> byId(String userId) {
        return jdbc
                .query("select * from users where user_id = ?", UserDirectory::account, UUID.fromString(userId))
                .stream()
                .findFirst();
    }

    /** Active users whose name starts with {@code prefix}, by name. */
    List<UserAccount> search(String prefix, int limit) {
        String pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.query(
                "select * from users where status = 'ACTIVE' and username like ? order by username limit ?",
                UserDirectory::account,
                pattern,
                limit);
    }

    Set<String> existingUsernames(Collection<String> usernames) {
        return new LinkedHashSet<>(
                jdbc.queryForList("select username from users where username = any(?)", String.class, (Object)
                        usernames.toArray(String[]::new)));
    }

    void add(List<UserAccount> accounts) {
        jdbc.batchUpdate(
                "insert into users (user_id, username, password_hash, created_at, status) values (?, ?, ?, ?, ?)"
                        + " on conflict (username) do nothing",
                accounts.stream()
                        .map(a -> new Object[] {
                            UUID.fromString(a.userId()),
                            a.username(),
                            a.passwordHash(),
                            Timestamp.from(a.createdAt()),
                            a.status()
                        })
                        .toList());
    }

    private static UserAccount account(ResultSet rs, int row) throws SQLException {
        return new UserAccount(
                rs.getString("user_id"),
                rs.getString("username"),
                rs.getString("password_hash"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("status"));
    }

    static Instant now() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
