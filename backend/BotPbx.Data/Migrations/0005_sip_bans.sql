-- SIP brute-force protection (docs/security.md, "SIP brute-force protection"): addresses banned after repeated failed
-- SIP requests. A ban is active while lifted_at is NULL and expires_at is in the future; lifting one (expired, unbanned
-- by an admin, allow-listed later) sets lifted_at and lift_reason and keeps the row as history.
-- The settings (threshold, window, duration, allow-list) are a document in settings, key "sip_protection".
CREATE TABLE sip_bans (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    address       text        NOT NULL,
    banned_at     timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    failures      integer     NOT NULL,
    last_account  text        NULL,
    last_event    text        NULL,
    lifted_at     timestamptz NULL,
    lift_reason   text        NULL CHECK (lift_reason IN ('expired', 'unbanned', 'allow_listed')),
    lifted_by     bigint      NULL REFERENCES users (id) ON DELETE SET NULL,
    CHECK ((lifted_at IS NULL) = (lift_reason IS NULL))
);
-- At most one unlifted ban per address.
CREATE UNIQUE INDEX sip_bans_unlifted_idx ON sip_bans (address) WHERE lifted_at IS NULL;
CREATE INDEX sip_bans_banned_at_idx ON sip_bans (banned_at DESC, id DESC);
