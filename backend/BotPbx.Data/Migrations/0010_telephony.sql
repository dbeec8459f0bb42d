-- Telephony (PBX core): one table per object. Each row keeps the full object as validated JSON in `data` (the
-- shape of the BotPbx.Telephony model, without its id); the columns beside it are what SQL needs to search, sort and
-- keep unique, and destinations are exposed as (type, target) columns. References between objects (a destination's
-- target, a route's trunks, queue members) are checked in code under one advisory lock, because a destination's
-- target can be any of several tables (or an IVR flow or AI agent owned by another module).

CREATE TABLE pbx_extensions (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    number      text        NOT NULL UNIQUE,
    name        text        NOT NULL,
    user_id     bigint      NULL REFERENCES users (id) ON DELETE SET NULL,
    data        jsonb       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE pbx_trunks (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text        NOT NULL,
    data        jsonb       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX pbx_trunks_name_key ON pbx_trunks (lower(name));

CREATE TABLE pbx_inbound_routes (
    id                  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                text        NOT NULL,
    did                 text        NOT NULL,
    destination_type    text        NOT NULL,
    destination_target  text        NULL,
    data                jsonb       NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE pbx_outbound_routes (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text        NOT NULL,
    position    integer     NOT NULL,
    data        jsonb       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE pbx_queues (
    id                  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    number              text        NOT NULL UNIQUE,
    name                text        NOT NULL,
    destination_type    text        NOT NULL,
    destination_target  text        NULL,
    data                jsonb       NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE pbx_ring_groups (
    id                  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    number              text        NOT NULL UNIQUE,
    name                text        NOT NULL,
    destination_type    text        NOT NULL,
    destination_target  text        NULL,
    data                jsonb       NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE pbx_time_conditions (
    id                      bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                    text        NOT NULL,
    open_destination_type   text        NOT NULL,
    open_destination_target text        NULL,
    closed_destination_type   text      NOT NULL,
    closed_destination_target text      NULL,
    data                    jsonb       NOT NULL,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE pbx_moh_classes (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text        NOT NULL UNIQUE,
    data        jsonb       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE pbx_conferences (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    number      text        NOT NULL UNIQUE,
    name        text        NOT NULL,
    data        jsonb       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Singletons: 'sip' (SIP settings) and 'featureCodes'. A missing row means the model's defaults.
CREATE TABLE pbx_settings (
    key         text        PRIMARY KEY,
    data        jsonb       NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- One row: whether saved changes wait for an apply, and what the last apply reported.
CREATE TABLE pbx_state (
    id                  integer     PRIMARY KEY CHECK (id = 1),
    pending_changes     boolean     NOT NULL DEFAULT true,
    changed_at          timestamptz NOT NULL DEFAULT now(),
    applied_at          timestamptz NULL,
    last_apply_report   jsonb       NULL
);
INSERT INTO pbx_state (id) VALUES (1);
