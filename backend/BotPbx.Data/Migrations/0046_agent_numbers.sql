-- An AI agent may have an internal number (like an extension's) so desk phones and browser phones can dial it. It
-- shares the extensions' number space: the API checks it against extensions, queues, ring groups, conferences and
-- other agents under the PBX write lock, and those objects' saves check it back (PbxReferences). NULL = not dialable.

ALTER TABLE agents ADD COLUMN number text NULL CHECK (number ~ '^[1-9][0-9]{1,7}$');
CREATE UNIQUE INDEX agents_number_key ON agents (number) WHERE number IS NOT NULL;
