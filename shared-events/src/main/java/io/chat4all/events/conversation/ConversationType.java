package io.chat4all.events.conversation;

/** Private: exactly two members, one conversation per pair. Group: 3 to 100 members. */
public enum ConversationType {
    PRIVATE,
    GROUP;

    public static final int GROUP_MIN_MEMBERS = 3;
    public static final int GROUP_MAX_MEMBERS = 100;
    public static final int PRIVATE_MEMBERS = 2;
}
