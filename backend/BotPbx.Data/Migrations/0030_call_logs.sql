-- Call logs (docs/call-logs.md). Asterisk writes one row per CDR into cdr_raw itself (cdr_pgsql, as a role that may
-- only INSERT there), whether or not BotPBX is running; BotPBX's reconciler folds the rows of one conversation
-- (same linkedid) into one `calls` row, idempotently (calls.call_id is unique; raw rows are marked in the same
-- transaction). Nothing is lost while BotPBX is down: the rows wait in cdr_raw.

-- cdr_pgsql fills columns by name: the standard CDR fields, and any CDR variable whose name matches a column
-- (Set(CDR(botpbx_…)=…) in the generated dialplan). A column it has no value for is skipped when it has a default or
-- is nullable, so BotPBX's own columns (raw_id, received_at, reconciled) take their defaults. start/answer/end are
-- float8: cdr_pgsql then writes epoch seconds with microseconds (no time-zone conversion anywhere).
-- raw_id is a serial, not an identity column: cdr_pgsql sees only pg_attrdef defaults, and an identity column has
-- none, so it would insert '' into it.
CREATE TABLE cdr_raw (
    raw_id            bigserial   PRIMARY KEY,
    received_at       timestamptz NOT NULL DEFAULT now(),
    reconciled        boolean     NOT NULL DEFAULT false,
    start             double precision NULL,
    answer            double precision NULL,
    "end"             double precision NULL,
    duration          integer     NULL,
    billsec           integer     NULL,
    clid              text        NULL,
    src               text        NULL,
    dst               text        NULL,
    dcontext          text        NULL,
    channel           text        NULL,
    dstchannel        text        NULL,
    lastapp           text        NULL,
    lastdata          text        NULL,
    disposition       text        NULL,
    amaflags          text        NULL,
    accountcode       text        NULL,
    uniqueid          text        NULL,
    linkedid          text        NULL,
    userfield         text        NULL,
    sequence          integer     NULL,
    botpbx_direction  text        NULL,
    botpbx_did        text        NULL,
    botpbx_trunk      text        NULL,
    botpbx_ext        text        NULL,
    botpbx_number     text        NULL,
    botpbx_queue      text        NULL,
    botpbx_ivr        text        NULL,
    botpbx_cause      text        NULL,
    botpbx_recording  text        NULL,
    botpbx_originate  text        NULL
);
CREATE INDEX cdr_raw_pending_idx ON cdr_raw (raw_id) WHERE NOT reconciled;
CREATE INDEX cdr_raw_linkedid_idx ON cdr_raw (linkedid);

-- One row per conversation. call_id is Asterisk's linkedid (what the live events call call_id).
CREATE TABLE calls (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id         text        NOT NULL UNIQUE,
    direction       text        NOT NULL CHECK (direction IN ('inbound', 'outbound', 'internal')),
    from_number     text        NOT NULL DEFAULT '',
    from_name       text        NOT NULL DEFAULT '',
    to_number       text        NOT NULL DEFAULT '',
    did             text        NULL,
    trunk_id        bigint      NULL,
    trunk_name      text        NULL,
    extension       text        NULL,
    extensions      text[]      NOT NULL DEFAULT '{}',
    answered_by     text        NULL,
    queue           text        NULL,
    ivr_path        text        NULL,
    started_at      timestamptz NOT NULL,
    answered_at     timestamptz NULL,
    ended_at        timestamptz NOT NULL,
    duration        integer     NOT NULL,
    billsec         integer     NOT NULL,
    wait_seconds    integer     NULL,
    disposition     text        NOT NULL,
    hangup_cause    text        NULL,
    recording_path  text        NULL,
    -- Filled by the transcription feature when a transcript exists (no foreign key: that table is not this module's).
    transcript_id   bigint      NULL,
    originated_by   text        NULL,
    legs            integer     NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX calls_started_idx ON calls (started_at DESC, id DESC);
CREATE INDEX calls_extensions_idx ON calls USING gin (extensions);
