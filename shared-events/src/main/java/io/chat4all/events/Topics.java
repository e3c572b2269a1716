package io.chat4all.events;

/** The Kafka topics the hub's sides and connectors meet on. */
public final class Topics {

    /** Every event of the event store, published by the outbox processor, keyed by conversation. */
    public static final String EVENTS = "chat4all.events";
    /** Records routed to the WhatsApp connector, one per message, keyed by conversation. */
    public static final String WHATSAPP_OUTGOING = "whatsapp_outgoing";
    /** Records routed to the Instagram connector, one per message, keyed by conversation. */
    public static final String INSTAGRAM_OUTGOING = "instagram_outgoing";
    /** Delivery receipts the connectors send back, keyed by conversation. */
    public static final String RECEIPTS = "chat4all.receipts";

    private Topics() {}
}
