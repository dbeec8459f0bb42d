-- Try-it chats survive a restart: what the model needs to go on (the messages so far, the system prompt first, with
-- the chat's variables filled in) is kept next to the conversation the chat is saved as. The agent's definition
-- (model, tools, provider) is resolved again when a chat is reopened, like any new message's.

CREATE TABLE agent_chat_sessions (
    conversation_id  bigint      PRIMARY KEY REFERENCES agent_conversations (id) ON DELETE CASCADE,
    agent_id         bigint      NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    context          text        NULL,
    history          jsonb       NOT NULL,
    next_index       integer     NOT NULL,
    caller_turns     integer     NOT NULL,
    ended            boolean     NOT NULL DEFAULT false,
    last_used        timestamptz NOT NULL
);
CREATE INDEX agent_chat_sessions_last_used_idx ON agent_chat_sessions (last_used);
