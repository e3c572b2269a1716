package io.chat4all.events.message;

public enum Priority {
    LOW,
    NORMAL,
    HIGH
}
