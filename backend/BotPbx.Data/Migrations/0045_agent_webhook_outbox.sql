-- Agent webhooks (call.start, call.end, transfer) as a durable outbox: a delivery row is written in the same
-- transaction as the conversation event it reports, so no event is lost when the process stops, and a worker sends
-- it, claiming due rows with FOR UPDATE SKIP LOCKED (several API processes may run workers). Every attempt is kept.

CREATE TABLE agent_webhook_deliveries (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    webhook_id       bigint      NOT NULL REFERENCES agent_webhooks (id) ON DELETE CASCADE,
    conversation_id  bigint      NULL REFERENCES agent_conversations (id) ON DELETE SET NULL,
    event            text        NOT NULL CHECK (event IN ('call.start', 'call.end', 'transfer', 'function.call')),
    -- The exact bytes signed and sent, so every retry sends the same body.
    payload          text        NOT NULL,
    status           text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         integer     NOT NULL DEFAULT 0,
    -- When the worker may (re)try it; a claimed row is leased by moving this forward, so a crash mid-send retries it.
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    created_at       timestamptz NOT NULL DEFAULT now(),
    delivered_at     timestamptz NULL,
    last_error       text        NULL
);
CREATE INDEX agent_webhook_deliveries_due_idx ON agent_webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX agent_webhook_deliveries_webhook_idx ON agent_webhook_deliveries (webhook_id, id DESC);

CREATE TABLE agent_webhook_attempts (
    delivery_id  bigint      NOT NULL REFERENCES agent_webhook_deliveries (id) ON DELETE CASCADE,
    attempt      integer     NOT NULL,
    started_at   timestamptz NOT NULL,
    duration_ms  integer     NOT NULL,
    status_code  integer     NULL,
    error        text        NULL,
    PRIMARY KEY (delivery_id, attempt)
);
