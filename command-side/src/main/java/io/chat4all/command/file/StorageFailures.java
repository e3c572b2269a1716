package io.chat4all.command.file;

import io.chat4all.events.HubError;
import io.chat4all.events.HubException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How the file code reports the object store failing: logged once here, answered 503 (retry later) at the edge. */
final class StorageFailures {

    private static final Logger log = LoggerFactory.getLogger(StorageFailures.class);

    private StorageFailures() {}

    static HubException storageFailure(String what, Exception cause) {
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        log.warn("Object storage failed to {}: {}", what, cause.toString());
        return new HubException(HubError.SERVICE_UNAVAILABLE);
    }

    /** The store's ETag without its quotes (s3proxy and MinIO quote it, the ledger does not). */
    static String unquoted(String etag) {
        return etag == null ? "" : etag.replace("\"", "");
    }
}
