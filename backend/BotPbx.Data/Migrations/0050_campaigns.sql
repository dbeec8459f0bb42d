-- Outbound campaigns (docs/campaigns.md). The campaign's settings are one JSON document validated by the API
-- (Features/Campaigns/CampaignSettings.cs); status is a column because the dialer queries it every tick.
CREATE TABLE campaigns (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text        NOT NULL,
    status      text        NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'running', 'paused', 'stopped', 'completed')),
    settings    jsonb       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    started_at  timestamptz NULL
);
CREATE UNIQUE INDEX campaigns_name_idx ON campaigns (lower(name));

-- One row per number per campaign (duplicates are merged on import). state follows BotPbx.Dialer's
-- ContactStateMachine; a contact is claimed by the dialer with FOR UPDATE SKIP LOCKED when next_attempt_at is due.
CREATE TABLE campaign_contacts (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    campaign_id      bigint      NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    phone            text        NOT NULL,
    variables        jsonb       NOT NULL DEFAULT '{}',
    state            text        NOT NULL DEFAULT 'pending' CHECK (state IN
                         ('pending', 'dialing', 'answered-human', 'machine', 'no-answer', 'busy', 'failed', 'done', 'dnc')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_outcome     text        NULL,
    disposition      text        NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (campaign_id, phone)
);
CREATE INDEX campaign_contacts_due_idx ON campaign_contacts (campaign_id, next_attempt_at, id)
    WHERE state IN ('pending', 'no-answer', 'busy', 'failed');
CREATE INDEX campaign_contacts_state_idx ON campaign_contacts (campaign_id, state);

-- Every call placed, written BEFORE the Originate is sent; its id is the channel's Uniqueid (Originate ChannelId)
-- and the key of its outcome in Asterisk's AstDB, so a restarted service finds the call or its outcome instead of
-- dialling again. ended_at NULL = the call may still be up.
CREATE TABLE campaign_attempts (
    id               uuid        PRIMARY KEY,
    campaign_id      bigint      NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    contact_id       bigint      NOT NULL REFERENCES campaign_contacts (id) ON DELETE CASCADE,
    attempt          integer     NOT NULL,
    phone            text        NOT NULL,
    started_at       timestamptz NOT NULL DEFAULT now(),
    answered_at      timestamptz NULL,
    ended_at         timestamptz NULL,
    outcome          text        NULL CHECK (outcome IN ('human', 'machine', 'no-answer', 'busy', 'failed', 'abandoned', 'not-sent')),
    amd_status       text        NULL,
    amd_cause        text        NULL,
    originate_reason integer     NULL,
    hangup_cause     integer     NULL,
    disposition      text        NULL,
    recovered        boolean     NOT NULL DEFAULT false
);
CREATE INDEX campaign_attempts_open_idx ON campaign_attempts (campaign_id) WHERE ended_at IS NULL;
CREATE INDEX campaign_attempts_campaign_idx ON campaign_attempts (campaign_id, started_at);
CREATE INDEX campaign_attempts_contact_idx ON campaign_attempts (contact_id, started_at);

-- Do-not-call: campaign_id NULL is the global list. Checked on import and again at every claim.
CREATE TABLE dnc_numbers (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    campaign_id  bigint      NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    phone        text        NOT NULL,
    reason       text        NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX dnc_numbers_scope_idx ON dnc_numbers (coalesce(campaign_id, 0), phone);
CREATE INDEX dnc_numbers_phone_idx ON dnc_numbers (phone);
