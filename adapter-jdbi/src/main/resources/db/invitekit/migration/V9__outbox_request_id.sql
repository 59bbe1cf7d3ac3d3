-- Issue 17: the id of the HTTP request that queued an email (X-Request-Id, from a trusted proxy
-- or generated), so that one request can be followed from the request log to the relay's send.
-- Null for the emails queued before, and for any queued outside of a request.
ALTER TABLE ${prefix}outbox_messages ADD COLUMN request_id varchar(128);
