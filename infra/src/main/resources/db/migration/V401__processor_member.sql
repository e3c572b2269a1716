-- Which hub processes run which streaming event processor, seen recently: the segment balancer
-- (io.chat4all.hub.scaleout) of each process writes its own rows every few seconds and divides
-- each processor's segments (token_entry rows) by the live members, releasing what it holds
-- beyond its share so that a process that joined claims it. Rows not renewed in time are dead
-- processes' and are removed by any member.
create table processor_member (
    processor_name varchar(255) not null,
    member_id varchar(255) not null,
    seen_at timestamptz not null,
    primary key (processor_name, member_id)
);
