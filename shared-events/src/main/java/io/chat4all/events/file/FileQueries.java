package io.chat4all.events.file;

import java.time.Instant;
import java.util.List;

/** Questions about uploads that other parts of the hub ask over the query bus. */
public final class FileQueries {

    private FileQueries() {}

    /** What the delivery worker needs to know about a file sent in {@code conversationId}. */
    public record FileForDelivery(String fileId, String conversationId) {}

    /**
     * @param known                  an upload with this id exists
     * @param sharedInConversation   the sender was allowed to share it in the conversation
     *                               (its uploader, or a member of a conversation already carrying it)
     */
    public record FileDeliveryCheck(boolean known, boolean sharedInConversation, FileStatus status, String objectKey) {}

    /** Open uploads whose expiry is before {@code now}, at most {@code limit} of them. */
    public record ExpiredUploads(Instant now, int limit) {}

    public record ExpiredUploadList(List<String> fileIds) {}
}
