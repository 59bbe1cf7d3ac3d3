-- Refresh-token reuse revokes the family. A session keeps its id across refreshes, so the
-- session row is the family: every token pair issued since one log-in. Each refresh retires the
-- refresh token it replaced; its digest is kept here, pointing at the family, so that a retired
-- token presented again is recognised as a reuse and the whole session revoked (OAuth 2.0
-- Security BCP). The digests go with their session.
CREATE TABLE ${prefix}retired_refresh_digests (
    refresh_digest  varchar(64) NOT NULL,
    session_id      uuid        NOT NULL,
    CONSTRAINT ${prefix}pk_retired_refresh_digests PRIMARY KEY (refresh_digest),
    CONSTRAINT ${prefix}fk_retired_refresh_digests_session FOREIGN KEY (session_id)
        REFERENCES ${prefix}sessions (id) ON DELETE CASCADE
);
CREATE INDEX ${prefix}ix_retired_refresh_digests_session ON ${prefix}retired_refresh_digests (session_id);
