package io.chat4all.command.file;

import java.time.Instant;
import java.util.Locale;

import io.chat4all.command.file.FileLookups.UploadRow;
import io.chat4all.events.HubError;
import io.chat4all.events.HubException;
import org.springframework.stereotype.Component;

/** Who may do what with an upload: 404 for an unknown one, 403 for someone else's, 409 for a closed one. */
@Component
class UploadAccess {

    /** Who is refused an upload's status or its download, for the OpenAPI description. */
    static final String NOT_ALLOWED_TO_SEE =
            "ACCESS_DENIED: neither the uploader nor a member of a conversation " + "carrying the file";

    private final FileLookups lookups;

    UploadAccess(FileLookups lookups) {
        this.lookups = lookups;
    }

    /** The caller's own upload, open for chunks and completion. */
    UploadRow openUploadOf(String fileId, String callerId, Instant now) {
        UploadRow upload = known(fileId);
        if (!upload.uploaderId().equals(callerId)) {
            throw new HubException(HubError.ACCESS_DENIED);
        }
        if (!upload.isOpenAt(now)) {
            throw new HubException(
                    HubError.UPLOAD_NOT_OPEN,
                    upload.status().isOpen()
                            ? "The upload has expired"
                            : "The upload is " + upload.status() + " and takes no more chunks");
        }
        return upload;
    }

    /** An upload the caller may see: its uploader, or a member of a conversation carrying the file. */
    UploadRow visibleUpload(String fileId, String callerId) {
        UploadRow upload = known(fileId);
        if (!upload.uploaderId().equals(callerId) && !lookups.maySee(upload.fileId(), callerId)) {
            throw new HubException(HubError.ACCESS_DENIED);
        }
        return upload;
    }

    private UploadRow known(String fileId) {
        return lookups.find(fileId.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new HubException(HubError.FILE_NOT_FOUND));
    }
}
