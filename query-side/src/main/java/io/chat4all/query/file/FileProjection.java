package io.chat4all.query.file;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.chat4all.events.file.FileStatus;
import io.chat4all.events.file.FileUploadCompletedEvent;
import io.chat4all.events.file.FileUploadExpiredEvent;
import io.chat4all.events.file.FileUploadInitiatedEvent;
import io.chat4all.query.BatchedWrites;
import io.chat4all.query.ReadModelProcessor;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Files as message listings show them (name, size, type). Records uploads as they are opened,
 * completed or expire; the chunk-by-chunk progress is the command side's business.
 */
@Component
@ProcessingGroup(ReadModelProcessor.NAME)
public class FileProjection {

    private final JdbcTemplate jdbc;
    private final BatchedWrites writes;

    FileProjection(JdbcTemplate jdbc, BatchedWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @EventHandler
    void on(FileUploadInitiatedEvent event) {
        writes.insert(
                "insert into file_view (file_id, uploader_id, filename, size, content_type, status, created_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
                UUID.fromString(event.fileId()),
                UUID.fromString(event.uploaderId()),
                event.filename(),
                event.size(),
                event.contentType(),
                FileStatus.INITIATED.name(),
                Timestamp.from(event.initiatedAt()));
    }

    @EventHandler
    void on(FileUploadCompletedEvent event) {
        writes.update(
                "update file_view set status = ?, checksum = ?, completed_at = ? where file_id = ?",
                FileStatus.COMPLETED.name(),
                event.checksum(),
                Timestamp.from(event.completedAt()),
                UUID.fromString(event.fileId()));
    }

    @EventHandler
    void on(FileUploadExpiredEvent event) {
        writes.update(
                "update file_view set status = ? where file_id = ? and status <> 'COMPLETED'",
                FileStatus.EXPIRED.name(),
                UUID.fromString(event.fileId()));
    }

    @ResetHandler
    void reset() {
        jdbc.execute("truncate file_view");
    }

    /** The files known among {@code fileIds}, by id. */
    public Map<String, FileSummary> summaries(Collection<String> fileIds) {
        Map<String, FileSummary> found = new HashMap<>();
        if (fileIds.isEmpty()) {
            return found;
        }
        jdbc.query(
                "select file_id, filename, size, content_type from file_view where file_id = any(?)",
                rs -> {
                    found.put(
                            rs.getString("file_id"),
                            new FileSummary(
                                    rs.getString("filename"), rs.getLong("size"), rs.getString("content_type")));
                },
                (Object) fileIds.stream().map(UUID::fromString).toArray(UUID[]::new));
        return found;
    }

    /** What a message listing shows of a file. */
    public record FileSummary(String filename, long size, String contentType) {}
}
