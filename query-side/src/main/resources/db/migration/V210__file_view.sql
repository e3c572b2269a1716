-- Uploaded files as the read side shows them beside the messages that carry them.
create table file_view (
    file_id uuid primary key,
    uploader_id uuid not null,
    filename varchar(255) not null,
    size bigint not null,
    content_type varchar(255) not null,
    status varchar(16) not null,
    checksum varchar(64),
    created_at timestamptz not null,
    completed_at timestamptz
);
