-- The read model's two processors (conversation-projection, message-projection) become one
-- (read-model, io.chat4all.query.ReadModelProcessor). It starts where the slowest of their
-- segments stood, as Axon's GapAwareTrackingToken.lowerBound merges tokens: the lowest index (not
-- itself a gap), with every gap of any of them below it, so an event one of them had not seen yet
-- is still read. Events between that point and where the others stood (none after a clean stop,
-- a few after a crash) are projected again: the views' writes are idempotent, so they change
-- nothing there, but the change feed appends them again and live streams may see those few changes
-- twice, as after any redelivery; none is skipped. A replay under way counts with the position it
-- had reached (the rest of it then runs as live processing). If any of them had read nothing yet (no token), the new
-- processor reads from the first event. It keeps message-projection's segments. A fresh database
-- has no such tokens and gets no rows here: the processor then starts like any new processor.
with old as (
    select case when token_type = 'org.axonframework.eventhandling.ReplayToken'
                then convert_from(token, 'UTF8')::jsonb -> 'currentToken'
                else convert_from(token, 'UTF8')::jsonb end as t
    from token_entry
    where processor_name in ('conversation-projection', 'message-projection')
), gap as (
    select distinct g::bigint as g
    from old, jsonb_array_elements_text(coalesce(old.t -> 'gaps', '[]'::jsonb)) g
), lowest as (
    select case when bool_and(t is not null and t ? 'index') then min((t ->> 'index')::bigint) end as index
    from old
), lowered as (
    select (select max(v) from generate_series(lowest.index - (select count(*) from gap) - 1, lowest.index) v
            where v not in (select g from gap)) as index
    from lowest
), merged as (
    select case when lowered.index is not null then jsonb_build_object(
               'index', lowered.index,
               'gaps', coalesce((select jsonb_agg(g order by g) from gap where g < lowered.index), '[]'::jsonb))
           end as token
    from lowered
)
insert into token_entry (processor_name, segment, token, token_type, timestamp)
select 'read-model', m.segment,
       convert_to(merged.token::text, 'UTF8'),
       case when merged.token is not null then 'org.axonframework.eventhandling.GapAwareTrackingToken' end,
       to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
from merged, token_entry m
where m.processor_name = 'message-projection';

delete from token_entry where processor_name in ('conversation-projection', 'message-projection');
