-- Users are a plain table, not event-sourced: who may log in, and which ids exist.
create table users (
    user_id uuid primary key,
    username varchar(64) not null unique,
    password_hash varchar(100) not null, -- bcrypt, cost >= 10
    created_at timestamptz not null,
    status varchar(16) not null default 'ACTIVE'
);
