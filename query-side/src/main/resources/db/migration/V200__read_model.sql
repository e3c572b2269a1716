-- The read model the GET endpoints serve, kept by the query side's tracking projections
-- (conversation-projection, message-projection). Every table can be truncated and rebuilt by
-- replaying the event store (their @ResetHandlers).

create table conversation_view (
    conversation_id uuid primary key,
    type varchar(16) not null,              -- private | group
    metadata text not null,                 -- JSON object
    created_by uuid not null,
    created_at timestamptz not null,
    last_activity_at timestamptz not null   -- created_at, then the newest accepted message
);

create table conversation_member_view (
    conversation_id uuid not null,
    user_id uuid not null,
    position integer not null,              -- members in the order of the event
    primary key (conversation_id, user_id)
);
create index conversation_member_view_user on conversation_member_view (user_id);

-- seq is taken at insert: "acceptance order" is the order in which the projection saw the events.
create sequence message_view_seq;

create table message_view (
    message_id uuid primary key,
    seq bigint not null default nextval('message_view_seq') unique,
    conversation_id uuid not null,
    from_user uuid not null,
    from_username varchar(64),
    to_user uuid,
    channels text not null,                 -- comma-separated, lower-case; empty: in-app only
    priority varchar(8) not null,           -- low | normal | high
    payload text not null,                  -- JSON object as the API shows it
    status varchar(16) not null,            -- ACCEPTED | IN_TRANSIT | DELIVERED | FAILED, only forward
    created_at timestamptz not null,
    updated_at timestamptz not null
);
create index message_view_conversation_seq on message_view (conversation_id, seq);

-- Each status a message reached, once: replays and duplicate events change nothing.
create table message_status_history (
    message_id uuid not null,
    status varchar(16) not null,
    at timestamptz not null,
    note text,
    primary key (message_id, status)
);

-- Per channel and recipient delivery receipts (filled by the channels issue).
create table message_delivery_view (
    message_id uuid not null,
    channel varchar(16) not null,
    recipient uuid not null,
    status varchar(16) not null,
    at timestamptz not null,
    primary key (message_id, channel, recipient)
);
