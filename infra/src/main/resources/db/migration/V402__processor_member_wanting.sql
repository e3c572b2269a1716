-- A member holding fewer than its fair part of a processor's segments says so: only then do the
-- others release what they hold beyond their share. A killed member's last word was that it had
-- its part, so the survivors keep the segments they took over from it.
alter table processor_member add column wanting boolean not null default false;
