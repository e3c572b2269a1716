-- One row per periodic job that must run in one hub process at a time (the delivery deadline
-- sweep, the upload-expiry sweep). A sweep holds its row locked (select ... for update skip
-- locked) on its own connection while it runs; another process finding it locked skips that
-- round. The lock goes with the holder's connection, so a killed process holds nothing.
create table sweep_lock (
    name text primary key
);
insert into sweep_lock (name) values ('delivery-deadline'), ('upload-expiry');
