-- The open live streams of every instance (API.md, Live updates: at most 5 per user, a sixth
-- closes the oldest), so that the limit holds whichever instances serve a user's streams. An
-- instance that opens a stream deletes the rows past the limit and NOTIFYs their ids; the
-- instance holding each of them closes it. Rows a killed instance left behind are the oldest of
-- their user, so they are the first a new stream pushes out.
create table live_stream (
    stream_id uuid primary key,
    user_id uuid not null,
    opened_at timestamptz not null
);
create index live_stream_user on live_stream (user_id, opened_at);
