-- Read receipts, kept by message-projection from MessagesReadEvent: how far each member has read
-- each conversation. One row per advance only (a read up to an older message adds none), so a
-- reader's marks grow in seq and in time: the earliest mark that covers a message is when it was
-- read. up_to_seq is message_view.seq, which a rebuild gives again in the same order.
create table message_read_mark (
    conversation_id uuid not null,
    reader uuid not null,
    up_to_seq bigint not null,
    read_at timestamptz not null,
    primary key (conversation_id, reader, up_to_seq)
);
