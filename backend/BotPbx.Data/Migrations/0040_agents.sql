-- AI voice agents (seed 003 "AI Voice Agents"): the agent form's fields as columns, its contexts, functions,
-- webhooks and transfer targets as child rows, and every conversation with its turns and per-turn latency marks.
-- Values are validated in code (Features/Agents/AgentValidation.cs); the CHECKs here are the last line only.
-- Provider keys are not here: they live in `settings` under "aiProviders" (write-only in the API).

CREATE TABLE agents (
    id                       bigint           GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                     text             NOT NULL,
    description              text             NOT NULL DEFAULT '',
    -- LLM: a provider id of the AI Providers page ("openai", "groq", "anthropic", "openai-compatible").
    llm_provider             text             NOT NULL,
    model                    text             NOT NULL,
    temperature              double precision NOT NULL CHECK (temperature >= 0 AND temperature <= 2),
    max_tokens               integer          NOT NULL CHECK (max_tokens > 0),
    system_prompt            text             NOT NULL,
    greeting                 text             NOT NULL DEFAULT '',
    -- Voice (TTS) and hearing (STT).
    tts_engine               text             NOT NULL,
    tts_voice                text             NOT NULL DEFAULT '',
    tts_speed                double precision NOT NULL CHECK (tts_speed > 0),
    stt_engine               text             NOT NULL,
    stt_language             text             NOT NULL,
    stt_model                text             NOT NULL DEFAULT '',
    -- Speech-to-speech (OpenAI Realtime) instead of the STT → LLM → TTS pipeline; NULL = the pipeline.
    realtime_provider        text             NULL,
    -- Behaviour.
    max_turns                integer          NOT NULL CHECK (max_turns > 0),
    silence_timeout_seconds  integer          NOT NULL CHECK (silence_timeout_seconds > 0),
    end_call_phrases         text[]           NOT NULL DEFAULT '{}',
    created_at               timestamptz      NOT NULL DEFAULT now(),
    updated_at               timestamptz      NOT NULL DEFAULT now()
);
-- AI_AGENT names an agent by name, case-insensitively: two agents may not differ only by case.
CREATE UNIQUE INDEX agents_name_key ON agents (lower(name));

-- Seed 002's contexts: AI_CONTEXT picks one, replacing the agent's greeting and prompt for that call.
CREATE TABLE agent_contexts (
    agent_id  bigint  NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    position  integer NOT NULL,
    name      text    NOT NULL,
    greeting  text    NOT NULL DEFAULT '',
    prompt    text    NOT NULL DEFAULT '',
    PRIMARY KEY (agent_id, position)
);
CREATE UNIQUE INDEX agent_contexts_name_key ON agent_contexts (agent_id, lower(name));

-- Tools the model may call: arguments match `parameters` (a JSON schema object); BotPBX POSTs them to `url`, signed
-- with `secret` (generated, never returned after the write that made it).
CREATE TABLE agent_functions (
    id           bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agent_id     bigint  NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    position     integer NOT NULL,
    name         text    NOT NULL,
    description  text    NOT NULL,
    parameters   jsonb   NOT NULL CHECK (jsonb_typeof(parameters) = 'object'),
    url          text    NOT NULL,
    secret       text    NOT NULL
);
CREATE UNIQUE INDEX agent_functions_name_key ON agent_functions (agent_id, name);

CREATE TABLE agent_webhooks (
    id        bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agent_id  bigint  NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    position  integer NOT NULL,
    url       text    NOT NULL,
    events    text[]  NOT NULL CHECK (cardinality(events) > 0
                  AND events <@ ARRAY['call.start', 'call.end', 'transfer', 'function.call']),
    secret    text    NOT NULL
);
CREATE INDEX agent_webhooks_agent_idx ON agent_webhooks (agent_id);

-- Where the transfer tool may send the caller. The number is an extension's, queue's or ring group's internal
-- number (checked to exist, and protected from deletion while named here) or an external number an outbound route dials.
CREATE TABLE agent_transfer_targets (
    agent_id     bigint  NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    position     integer NOT NULL,
    name         text    NOT NULL,
    kind         text    NOT NULL CHECK (kind IN ('extension', 'queue', 'ringGroup', 'external')),
    number       text    NOT NULL,
    description  text    NOT NULL DEFAULT '',
    warm         boolean NOT NULL DEFAULT false,
    PRIMARY KEY (agent_id, position)
);
CREATE UNIQUE INDEX agent_transfer_targets_name_key ON agent_transfer_targets (agent_id, lower(name));
CREATE INDEX agent_transfer_targets_number_idx ON agent_transfer_targets (kind, number);

-- One conversation per call (or try-it chat). It outlives its agent: agent_name keeps who answered.
CREATE TABLE agent_conversations (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agent_id        bigint      NULL REFERENCES agents (id) ON DELETE SET NULL,
    agent_name      text        NOT NULL,
    source          text        NOT NULL CHECK (source IN ('call', 'chat', 'campaign')),
    channel         text        NULL,
    caller_id       text        NULL,
    did             text        NULL,
    variables       jsonb       NOT NULL DEFAULT '{}',
    started_at      timestamptz NOT NULL,
    ended_at        timestamptz NULL,
    outcome         text        NULL,
    transferred_to  text        NULL,
    error           text        NULL
);
CREATE INDEX agent_conversations_agent_idx ON agent_conversations (agent_id, started_at DESC, id DESC);
CREATE INDEX agent_conversations_started_idx ON agent_conversations (started_at DESC, id DESC);

-- The turns, with the latency marks of seed 002's metrics: end of speech → STT final → LLM first token → TTS first
-- audio → first frame sent (NULL where a stage did not happen).
CREATE TABLE agent_turns (
    conversation_id  bigint      NOT NULL REFERENCES agent_conversations (id) ON DELETE CASCADE,
    index            integer     NOT NULL,
    role             text        NOT NULL CHECK (role IN ('caller', 'agent', 'tool')),
    text             text        NOT NULL,
    at               timestamptz NOT NULL,
    tool_name        text        NULL,
    tool_arguments   text        NULL,
    tool_result      text        NULL,
    end_of_speech    timestamptz NULL,
    stt_final        timestamptz NULL,
    llm_first_token  timestamptz NULL,
    tts_first_audio  timestamptz NULL,
    first_frame_sent timestamptz NULL,
    interrupted      boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (conversation_id, index)
);
