-- Axon's JDBC storage engine leaves global_index to the database (the JPA engine asked the same
-- sequence for it, one value at a time): the column now takes it from that sequence by default.
alter table domain_event_entry alter column global_index set default nextval('domain_event_entry_seq');
