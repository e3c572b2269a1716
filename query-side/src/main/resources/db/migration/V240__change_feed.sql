-- The live updates' change feed (API.md, Live updates): the projections append one row per change
-- in their own transaction; GET /v1/events streams the rows, and a client resumes after a
-- position. Rows older than the retention (24 h) are pruned.
create table change_feed (
    position bigserial primary key,
    kind varchar(16) not null,          -- conversation | message | status
    conversation_id uuid not null,
    message_id uuid,                    -- null for kind conversation
    audience uuid,                      -- null: every member of the conversation; else that user only
    created_at timestamptz not null default now()
);
create index change_feed_created_at on change_feed (created_at);

-- One row. epoch changes whenever a projection is reset (its history is replayed): an event id of
-- another epoch cannot be resumed from. pruned_up_to: the highest position pruned so far.
create table change_feed_epoch (
    epoch bigint not null,
    pruned_up_to bigint not null
);
insert into change_feed_epoch (epoch, pruned_up_to) values (1, 0);
