package io.chat4all.events.message;

/**
 * What a message carries: {@code type} "text" with {@code text}, or "file" with {@code fileId}.
 */
public record MessagePayload(String type, String text, String fileId) {

    public static final String TEXT = "text";
    public static final String FILE = "file";

    public static MessagePayload text(String text) {
        return new MessagePayload(TEXT, text, null);
    }

    public static MessagePayload file(String fileId) {
        return new MessagePayload(FILE, null, fileId);
    }
}
