package io.chat4all.hub.upgrade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

import io.chat4all.hub.HubIntegrationTest;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A Flyway migration of Axon's tokens run on tokens as Axon writes them, in a schema of its own
 * with a {@code token_entry} table as Axon's, in a transaction rolled back at the end: the hub's
 * own tokens are not touched.
 */
abstract class TokenMigrationCheck extends HubIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    @Qualifier("serializer")
    Serializer serializer;

    /** Runs {@code migration} (a classpath resource) after {@code given}, then answers {@code then}. */
    <T> T migrated(String migration, Runnable given, Supplier<T> then) {
        String sql;
        try {
            sql = new String(new ClassPathResource(migration).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return transactions.execute(status -> {
            jdbc.execute("create schema token_migration_check");
            jdbc.execute("set local search_path to token_migration_check");
            jdbc.execute("create table token_entry (segment integer not null, token bytea, owner varchar(255), "
                    + "processor_name varchar(255) not null, timestamp varchar(255) not null, token_type varchar(255), "
                    + "primary key (segment, processor_name))");
            given.run();
            jdbc.execute(sql);
            T answer = then.get();
            status.setRollbackOnly();
            return answer;
        });
    }

    /** A row as Axon's token store writes it; a null token is a processor that has read nothing yet. */
    void insert(String processor, int segment, TrackingToken token) {
        SerializedObject<byte[]> serialized = token == null ? null : serializer.serialize(token, byte[].class);
        jdbc.update(
                "insert into token_entry (segment, token, processor_name, timestamp, token_type) values (?, ?, ?, ?, ?)",
                segment,
                serialized == null ? null : serialized.getData(),
                processor,
                "2026-12-01T00:00:00Z",
                serialized == null ? null : serialized.getType().getName());
    }

    /** The tokens of one processor by segment, as Axon reads them. */
    <T extends TrackingToken> List<T> tokens(String processor) {
        return jdbc.query(
                "select token, token_type from token_entry where processor_name = ? order by segment",
                (rs, row) -> rs.getBytes(1) == null
                        ? null
                        : serializer.deserialize(
                                new SimpleSerializedObject<>(rs.getBytes(1), byte[].class, rs.getString(2), null)),
                processor);
    }
}
