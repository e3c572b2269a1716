-- Command-side lookups for the rules that span aggregates (Axon's set-based validation):
-- kept by a subscribing processor in the same transaction as the events they come from.

-- Who belongs to which conversation: existence, membership of senders and recipients.
create table conversation_member_lookup (
    conversation_id uuid not null,
    user_id uuid not null,
    primary key (conversation_id, user_id)
);

-- At most one private conversation per pair of users (pair_key: the two ids, sorted).
create table private_pair_lookup (
    pair_key varchar(73) primary key,
    conversation_id uuid not null unique,
    member_a uuid not null,
    member_b uuid not null,
    metadata text not null,
    created_by uuid not null,
    created_at timestamptz not null
);
