-- When a routed message must have been confirmed by every channel. Kept by the delivery saga,
-- read by the deadline sweeper: a persisted deadline, so a restart of the hub keeps it.
create table delivery_deadline (
    message_id uuid primary key,
    due_at timestamptz not null
);
create index delivery_deadline_due on delivery_deadline (due_at);
