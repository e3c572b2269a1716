-- The message router (processor delivery-router) replaces the in-app worker (delivery-worker) and
-- the delivery saga (delivery-saga); all three read chat4all.events through the Axon Kafka
-- extension. The router starts where the slower of the two stood: per partition, the lowest
-- position either had (a partition one of them never read is left out, so the router reads it
-- from its start). Messages between the two positions are handled again, which changes nothing
-- (every delivery step is idempotent); none is skipped. A fresh database has no such tokens and
-- gets no rows here: the router then starts like any new processor.
with old_token as (
    select convert_from(token, 'UTF8')::jsonb -> 'positions' as positions, token_type
    from token_entry
    where processor_name in ('delivery-worker', 'delivery-saga') and token is not null
), position as (
    select p.key as partition, min(p.value::bigint) as offset_, count(*) as seen
    from old_token, jsonb_each_text(old_token.positions) p
    group by p.key
), merged as (
    select jsonb_build_object('positions', coalesce(jsonb_object_agg(partition, offset_)
               filter (where seen = (select count(*) from old_token)), '{}'::jsonb)) as token
    from position
)
insert into token_entry (processor_name, segment, token, token_type, timestamp)
select 'delivery-router', segment.id, convert_to(merged.token::text, 'UTF8'),
       (select token_type from old_token limit 1),
       to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
from merged, (values (0), (1)) as segment(id)
where exists (select 1 from old_token);

delete from token_entry where processor_name in ('delivery-worker', 'delivery-saga');
