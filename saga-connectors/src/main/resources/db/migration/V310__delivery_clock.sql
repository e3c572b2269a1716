-- Delivery deadlines count the hub's running time, not the wall clock (API.md: time when the
-- hub is down or Kafka is unreachable does not count). delivery_clock is that time: the
-- deadline sweeper adds what passed since its last tick, but only while Kafka answers, and at
-- most a couple of ticks' worth at once, so the time a killed hub was down is not added when
-- it comes back. Several instances tick the one row; each adds the time since anyone's last tick.
create table delivery_clock (
    id smallint primary key check (id = 1),
    running_ms bigint not null,
    ticked_at timestamptz not null
);
insert into delivery_clock (id, running_ms, ticked_at) values (1, 0, now());

alter table delivery_deadline add column due_running_ms bigint;
update delivery_deadline set due_running_ms = greatest(0, extract(epoch from (due_at - now())) * 1000)::bigint;
alter table delivery_deadline alter column due_running_ms set not null;
drop index delivery_deadline_due;
alter table delivery_deadline drop column due_at;
create index delivery_deadline_due on delivery_deadline (due_running_ms);
