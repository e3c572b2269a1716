package io.chat4all.command.file;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.chat4all.events.file.FileChunkStoredEvent;
import io.chat4all.events.file.FileQueries.ExpiredUploadList;
import io.chat4all.events.file.FileQueries.ExpiredUploads;
import io.chat4all.events.file.FileQueries.FileDeliveryCheck;
import io.chat4all.events.file.FileQueries.FileForDelivery;
import io.chat4all.events.file.FileStatus;
import io.chat4all.events.file.FileUploadCompletedEvent;
import io.chat4all.events.file.FileUploadExpiredEvent;
import io.chat4all.events.file.FileUploadInitiatedEvent;
import io.chat4all.events.message.MessageAcceptedEvent;
import io.chat4all.events.message.MessagePayload;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The command side's view of uploads: who uploads what, where it stands, which conversations
 * carry it. Written by a subscribing processor in the transaction that stores the event, so the
 * upload endpoints and the delivery worker's check see every accepted change at once.
 */
@Component
@ProcessingGroup(FileLookups.PROCESSING_GROUP)
class FileLookups {

    static final String PROCESSING_GROUP = "file-lookup";

    private final JdbcTemplate jdbc;

    FileLookups(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(FileUploadInitiatedEvent event) {
        jdbc.update(
                "insert into file_upload_lookup (file_id, uploader_id, filename, size, content_type, chunk_size,"
                        + " total_chunks, status, created_at, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
                UUID.fromString(event.fileId()),
                UUID.fromString(event.uploaderId()),
                event.filename(),
                event.size(),
                event.contentType(),
                event.chunkSize(),
                event.totalChunks(),
                FileStatus.INITIATED.name(),
                Timestamp.from(event.initiatedAt()),
                Timestamp.from(event.expiresAt()));
    }

    @EventHandler
    void on(FileChunkStoredEvent event) {
        jdbc.update(
                "insert into file_chunk_lookup (file_id, chunk_id, etag) values (?, ?, ?)"
                        + " on conflict (file_id, chunk_id) do update set etag = excluded.etag",
                UUID.fromString(event.fileId()),
                event.chunkId(),
                event.etag());
        jdbc.update(
                "update file_upload_lookup set status = ? where file_id = ? and status = ?",
                FileStatus.IN_PROGRESS.name(),
                UUID.fromString(event.fileId()),
                FileStatus.INITIATED.name());
    }

    @EventHandler
    void on(FileUploadCompletedEvent event) {
        jdbc.update(
                "update file_upload_lookup set status = ?, checksum = ?, object_key = ?, completed_at = ? where file_id = ?",
                FileStatus.COMPLETED.name(),
                event.checksum(),
                event.objectKey(),
                Timestamp.from(event.completedAt()),
                UUID.fromString(event.fileId()));
    }

    @EventHandler
    void on(FileUploadExpiredEvent event) {
        jdbc.update(
                "update file_upload_lookup set status = ? where file_id = ?",
                FileStatus.EXPIRED.name(),
                UUID.fromString(event.fileId()));
        jdbc.update("delete from file_chunk_lookup where file_id = ?", UUID.fromString(event.fileId()));
    }

    /**
     * A file message shares its file with the conversation only if the sender could see the file
     * then (its uploader, or a member of a conversation already carrying it): a file id alone
     * gives no access.
     */
    @EventHandler
    void on(MessageAcceptedEvent event) {
        if (!MessagePayload.FILE.equals(event.payload().type())) {
            return;
        }
        UUID fileId = UUID.fromString(event.payload().fileId());
        jdbc.update(
                "insert into file_share_lookup (file_id, conversation_id) select ?, ? where ("
                        + "exists (select 1 from file_upload_lookup where file_id = ? and uploader_id = ?)"
                        + " or exists (select 1 from file_share_lookup s join conversation_member_lookup m"
                        + " on m.conversation_id = s.conversation_id where s.file_id = ? and m.user_id = ?)) on conflict do nothing",
                fileId,
                UUID.fromString(event.conversationId()),
                fileId,
                UUID.fromString(event.from()),
                fileId,
                UUID.fromString(event.from()));
    }

    /** The ledger: chunk id → ETag of the chunk recorded last. */
    Map<Integer, String> recordedChunks(String fileId) {
        Map<Integer, String> chunks = new HashMap<>();
        jdbc.query(
                "select chunk_id, etag from file_chunk_lookup where file_id = ?",
                rs -> {
                    chunks.put(rs.getInt("chunk_id"), rs.getString("etag"));
                },
                UUID.fromString(fileId));
        return chunks;
    }

    Optional<UploadRow> find(String fileId) {
        return jdbc
                .query(
                        "select * from file_upload_lookup where file_id = ?",
                        (rs, i) -> row(rs),
                        UUID.fromString(fileId))
                .stream()
                .findFirst();
    }

    /** The uploader, or a member of a conversation where a message carries the file. */
    boolean maySee(String fileId, String userId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from file_upload_lookup where file_id = ?"
                        + " and uploader_id = ?) or exists (select 1 from file_share_lookup s join conversation_member_lookup m"
                        + " on m.conversation_id = s.conversation_id where s.file_id = ? and m.user_id = ?)",
                Boolean.class,
                UUID.fromString(fileId),
                UUID.fromString(userId),
                UUID.fromString(fileId),
                UUID.fromString(userId)));
    }

    @QueryHandler
    FileDeliveryCheck handle(FileForDelivery query) {
        Optional<UploadRow> upload = find(query.fileId());
        if (upload.isEmpty()) {
            return new FileDeliveryCheck(false, false, null, null);
        }
        boolean shared = Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from file_share_lookup where file_id = ? and conversation_id = ?)",
                Boolean.class,
                UUID.fromString(query.fileId()),
                UUID.fromString(query.conversationId())));
        return new FileDeliveryCheck(
                true, shared, upload.get().status(), upload.get().objectKey());
    }

    @QueryHandler
    ExpiredUploadList handle(ExpiredUploads query) {
        return new ExpiredUploadList(jdbc.queryForList(
                "select file_id::text from file_upload_lookup"
                        + " where status in ('INITIATED', 'IN_PROGRESS') and expires_at <= ? order by expires_at limit ?",
                String.class,
                Timestamp.from(query.now()),
                query.limit()));
    }

    private static UploadRow row(ResultSet rs) throws SQLException {
        return new UploadRow(
                rs.getString("file_id"),
                rs.getString("uploader_id"),
                rs.getString("filename"),
                rs.getLong("size"),
                rs.getString("content_type"),
                rs.getInt("chunk_size"),
                rs.getInt("total_chunks"),
                FileStatus.valueOf(rs.getString("status")),
                rs.getString("checksum"),
                rs.getString("object_key"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("completed_at")),
                instant(rs.getTimestamp("expires_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** An upload as the lookup holds it. */
    record UploadRow(
            String fileId,
            String uploaderId,
            String filename,
            long size,
            String contentType,
            int chunkSize,
            int totalChunks,
            FileStatus status,
            String checksum,
            String objectKey,
            Instant createdAt,
            Instant completedAt,
            Instant expiresAt) {

        /** Open, and not yet past its expiry (the sweeper may not have come by yet). */
        boolean isOpenAt(Instant now) {
            return status.isOpen() && now.isBefore(expiresAt);
        }

        long chunkLength(int chunkId) {
            return FileUpload.chunkLength(size, chunkSize, totalChunks, chunkId);
        }
    }
}
