package io.chat4all.events.file;

import java.util.Locale;

/**
 * Where an upload's bytes live in the bucket: each chunk as its own object under
 * {@code uploads/<file_id>/}, composed at completion into {@code files/<file_id>}. Shared by the
 * command side (which writes them) and the expiry sweeper (which removes abandoned ones).
 */
public final class FileObjects {

    private FileObjects() {}

    /** The prefix holding an open upload's chunks. */
    public static String chunkPrefix(String fileId) {
        return "uploads/" + fileId + "/";
    }

    /** Chunk {@code chunkId} (from 0) of an upload; zero-padded so a listing sorts in chunk order. */
    public static String chunkKey(String fileId, int chunkId) {
        return chunkPrefix(fileId) + String.format(Locale.ROOT, "%05d", chunkId);
    }

    /** The chunk number of a key made by {@link #chunkKey}, or -1 for anything else under the prefix. */
    public static int chunkIdOf(String fileId, String key) {
        String prefix = chunkPrefix(fileId);
        if (!key.startsWith(prefix) || key.length() != prefix.length() + 5) {
            return -1;
        }
        try {
            return Integer.parseInt(key.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The whole file, once completed. */
    public static String fileKey(String fileId) {
        return "files/" + fileId;
    }
}
