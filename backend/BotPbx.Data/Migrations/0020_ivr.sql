-- IVR flows: a freely saved draft per IVR, immutable published versions, and one trace per call run.

CREATE TABLE ivrs (
    id                 bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name               text        NOT NULL,
    -- The builder's flow JSON ({schemaVersion, nodes, edges}); may hold validation errors: drafts are saved freely.
    draft              jsonb       NOT NULL,
    draft_updated_at   timestamptz NOT NULL DEFAULT now(),
    -- The version new calls get; NULL until the first publish. Calls in progress keep the version they loaded.
    published_version  integer     NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX ivrs_name_key ON ivrs (lower(name));

-- Published versions are never changed or deleted (except with their IVR): a running call may still need one.
CREATE TABLE ivr_versions (
    ivr_id        bigint      NOT NULL REFERENCES ivrs (id) ON DELETE CASCADE,
    version       integer     NOT NULL CHECK (version > 0),
    flow          jsonb       NOT NULL,
    published_at  timestamptz NOT NULL DEFAULT now(),
    published_by  bigint      NULL REFERENCES users (id) ON DELETE SET NULL,
    PRIMARY KEY (ivr_id, version)
);

-- What each call did in an IVR: nodes visited, digits, branches, timings, errors. ivr_id is NULL for a FastAGI request
-- that named no existing IVR. Variables may hold what callers typed, so only administrators can read traces.
CREATE TABLE ivr_traces (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id     text        NOT NULL,
    ivr_id      bigint      NULL REFERENCES ivrs (id) ON DELETE CASCADE,
    version     integer     NOT NULL,
    caller      text        NOT NULL,
    started_at  timestamptz NOT NULL,
    ended_at    timestamptz NULL,
    outcome     text        NOT NULL,
    error       text        NULL,
    steps       jsonb       NOT NULL,
    variables   jsonb       NOT NULL
);
CREATE INDEX ivr_traces_ivr_idx ON ivr_traces (ivr_id, started_at DESC, id DESC);
CREATE INDEX ivr_traces_call_idx ON ivr_traces (call_id);
CREATE INDEX ivr_traces_started_idx ON ivr_traces (started_at);
