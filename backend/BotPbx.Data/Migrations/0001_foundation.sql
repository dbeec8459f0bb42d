-- Foundation: users, their sessions, settings, the audit log and the data-protection key ring.

CREATE TABLE users (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email          text        NOT NULL,
    name           text        NOT NULL DEFAULT '',
    role           text        NOT NULL CHECK (role IN ('admin', 'supervisor', 'agent')),
    password_hash  text        NOT NULL,
    disabled       boolean     NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    last_login_at  timestamptz NULL
);
-- E-mail addresses are compared case-insensitively (log-in, duplicates).
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- One row per log-in. Bearer tokens and the session cookie carry the id; a request is accepted only while the
-- row exists, is not revoked and has not expired, which is what makes logout, password changes and disabling a
-- user take effect on tokens already handed out.
CREATE TABLE sessions (
    id          uuid        PRIMARY KEY,
    user_id     bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz NULL,
    ip          text        NULL,
    user_agent  text        NULL
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id) WHERE revoked_at IS NULL;

-- Small typed documents by key ("general" holds company name, time zone, language).
CREATE TABLE settings (
    key         text        PRIMARY KEY,
    value       jsonb       NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    updated_by  bigint      NULL REFERENCES users (id) ON DELETE SET NULL
);

-- Append-only record of security-relevant actions. actor_email is copied so the entry survives the user's deletion.
CREATE TABLE audit_log (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at           timestamptz NOT NULL DEFAULT now(),
    actor_id     bigint      NULL,
    actor_email  text        NULL,
    action       text        NOT NULL,
    target       text        NULL,
    ip           text        NULL,
    details      jsonb       NULL
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);

-- ASP.NET Core data-protection key ring (protects bearer tokens and the session cookie), so tokens survive
-- restarts and are shared by every process using this database.
CREATE TABLE data_protection_keys (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    friendly_name text   NULL,
    xml           text   NOT NULL
);
