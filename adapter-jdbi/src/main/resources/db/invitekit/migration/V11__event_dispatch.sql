-- Issue 14: the audit log is the event log, and its entries are dispatched once committed to
-- in-process listeners and webhooks (an outbox of events). Valid on H2 (MODE=PostgreSQL) and
-- PostgreSQL 15, like V1.
--   type_version:      the version of the entry's data shape (entries before this were all 1);
--   dispatched_at:     when the dispatcher handed it on (NULL: not yet);
--   lease_owner/until: the dispatcher that claimed it and until when (as in outbox_messages);
--   dispatch_attempts: how many times it was claimed, so that one listeners keep refusing is
--                      given up after a bounded number of rounds.
ALTER TABLE ${prefix}audit_events ADD COLUMN type_version integer NOT NULL DEFAULT 1;
ALTER TABLE ${prefix}audit_events ADD COLUMN dispatched_at timestamp with time zone;
ALTER TABLE ${prefix}audit_events ADD COLUMN lease_owner varchar(128);
ALTER TABLE ${prefix}audit_events ADD COLUMN lease_until timestamp with time zone;
ALTER TABLE ${prefix}audit_events ADD COLUMN dispatch_attempts integer NOT NULL DEFAULT 0;

-- The history written before: already happened, nobody subscribed then; webhooks registered
-- from now on must not receive it as if it were new.
UPDATE ${prefix}audit_events SET dispatched_at = occurred_at;

-- The dispatcher's claim: not yet dispatched, oldest first (H2 has no partial indexes, so the
-- NULLs lead one ordinary index).
CREATE INDEX ${prefix}ix_audit_events_undispatched ON ${prefix}audit_events (dispatched_at, id);
-- The audit log people read: by type and by actor, newest first.
CREATE INDEX ${prefix}ix_audit_events_action ON ${prefix}audit_events (action, id);
CREATE INDEX ${prefix}ix_audit_events_actor ON ${prefix}audit_events (actor, id);
