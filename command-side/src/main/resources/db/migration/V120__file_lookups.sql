-- Command-side lookups for uploads, kept by a subscribing processor in the same transaction as
-- the FileUpload events: what the upload endpoints check before they touch object storage,
-- and which conversations carry which file (who may download it).

create table file_upload_lookup (
    file_id uuid primary key,
    uploader_id uuid not null,
    filename varchar(255) not null,
    size bigint not null,
    content_type varchar(255) not null,
    chunk_size integer not null,
    total_chunks integer not null,
    status varchar(16) not null,
    checksum varchar(64),
    object_key varchar(255),
    created_at timestamptz not null,
    completed_at timestamptz,
    expires_at timestamptz not null
);

-- The expiry sweeper's question: open uploads past their expiry.
create index file_upload_lookup_open_expiry on file_upload_lookup (expires_at)
    where status in ('INITIATED', 'IN_PROGRESS');

-- A file message shares the file with its conversation, if its sender could see the file.
create table file_share_lookup (
    file_id uuid not null,
    conversation_id uuid not null,
    primary key (file_id, conversation_id)
);

-- The chunk ledger as recorded: which chunk objects the upload already knows (by ETag), so
-- the chunks PUT to presigned URLs can be told apart and recorded.
create table file_chunk_lookup (
    file_id uuid not null,
    chunk_id integer not null,
    etag varchar(128) not null,
    primary key (file_id, chunk_id)
);
