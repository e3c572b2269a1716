package io.chat4all.events.message;

/** The external channels a message can be routed to; no channel means in-app delivery only. */
public enum Channel {
    WHATSAPP,
    INSTAGRAM
}
