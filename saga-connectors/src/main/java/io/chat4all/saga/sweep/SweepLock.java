package io.chat4all.saga.sweep;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

import org.springframework.stereotype.Component;

/**
 * Runs a sweep in one hub process at a time, across all processes on one database: the sweep's
 * row of {@code sweep_lock} (V400) is locked with {@code FOR UPDATE SKIP LOCKED} in a transaction
 * on a connection of its own, held while the sweep runs; a process that finds it locked skips its
 * round (the holder is doing the work). The sweep itself uses other connections (its commands
 * have transactions of their own), so nothing it does joins the lock's transaction. PostgreSQL
 * drops the lock with the connection: a killed holder's lock is gone once its socket closes, and
 * the next round elsewhere takes over.
 */
@Component
public class SweepLock {

    private static final String LOCK = "select name from sweep_lock where name = ? for update skip locked";

    private final DataSource dataSource;

    SweepLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code sweep} if no other process is running the sweep {@code name}; returns whether it ran. */
    public boolean runExclusively(String name, Runnable sweep) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                if (!lock(connection, name)) {
                    return false;
                }
                sweep.run();
                return true;
            } finally {
                connection.rollback(); // releases the row: nothing was written on this connection
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Sweep lock " + name + " unavailable: " + e.getMessage(), e);
        }
    }

    private static boolean lock(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(LOCK)) {
            statement.setString(1, name);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return false;
                }
            }
        }
        return true;
    }
}
