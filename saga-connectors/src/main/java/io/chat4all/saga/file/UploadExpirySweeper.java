package io.chat4all.saga.file;

import java.time.Instant;
import java.util.List;

import io.chat4all.events.file.ExpireFileUploadCommand;
import io.chat4all.events.file.FileQueries.ExpiredUploadList;
import io.chat4all.events.file.FileQueries.ExpiredUploads;
import io.chat4all.saga.sweep.SweepLock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Cleans up uploads not completed in time: their chunks leave storage first, then the upload
 * becomes EXPIRED. In that order a crash in between leaves an open, overdue upload that the next
 * sweep finds again, never an EXPIRED one whose chunks stay forever. It runs in processes with the
 * {@code delivery} role, one at a time across them ({@link SweepLock}), so no two remove the same chunks.
 */
@Component
@ConditionalOnProperty(name = "chat4all.role.delivery", havingValue = "true", matchIfMissing = true)
class UploadExpirySweeper {

    private static final Logger log = LoggerFactory.getLogger(UploadExpirySweeper.class);
    private static final int BATCH = 100;

    private final QueryGateway queries;
    private final CommandGateway commands;
    private final StoredFiles files;
    private final SweepLock lock;

    UploadExpirySweeper(QueryGateway queries, CommandGateway commands, StoredFiles files, SweepLock lock) {
        this.lock = lock;
        this.queries = queries;
        this.commands = commands;
        this.files = files;
    }

    @Scheduled(fixedDelayString = "${chat4all.files.expiry-sweep-every:1m}")
    void sweep() {
        lock.runExclusively("upload-expiry", this::expireOverdueUploads);
    }

    void expireOverdueUploads() {
        Instant now = Instant.now();
        List<String> overdue = queries.query(new ExpiredUploads(now, BATCH), ExpiredUploadList.class)
                .join()
                .fileIds();
        for (String fileId : overdue) {
            try {
                int removed = files.removeChunks(fileId);
                Boolean expired = commands.sendAndWait(new ExpireFileUploadCommand(fileId, now));
                if (Boolean.TRUE.equals(expired)) {
                    log.info("Upload {} expired: {} chunk(s) removed from storage", fileId, removed);
                }
            } catch (Exception e) {
                log.warn("Upload {} could not be expired yet (next sweep retries): {}", fileId, e.toString());
            }
        }
    }
}
