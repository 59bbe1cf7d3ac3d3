-- An invitation keeps its inviter's display name as the user directory gave it when it was
-- created (a host's directory, or Invitekit's own accounts): the link's page and every email
-- show it without asking the directory again. Invitations made before take the name of the
-- inviting account, where Invitekit's own accounts know it.
ALTER TABLE ${prefix}tenant_invitations ADD COLUMN inviter_name varchar(200);

UPDATE ${prefix}tenant_invitations
SET inviter_name = (SELECT a.first_name || ' ' || a.last_name FROM ${prefix}accounts a
                    WHERE a.id = ${prefix}tenant_invitations.invited_by);
