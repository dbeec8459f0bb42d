-- Hangfire runs the campaign windows and the retries (docs/campaigns.md, "Windows and retries: Hangfire").
-- window_open is set by the campaign's window jobs (recurring, in its IANA time zone); the dialer dials only while it
-- is true (and, as a guard against a late close job, while the schedule says the window is open).
ALTER TABLE campaigns ADD COLUMN window_open boolean NOT NULL DEFAULT false;

-- A contact waiting for a retry is not claimable until its delayed job marks it ready. Rows that existed before
-- Hangfire (and new contacts) are ready at once: next_attempt_at alone decides for them.
ALTER TABLE campaign_contacts ADD COLUMN retry_ready boolean NOT NULL DEFAULT true;
DROP INDEX campaign_contacts_due_idx;
CREATE INDEX campaign_contacts_due_idx ON campaign_contacts (campaign_id, next_attempt_at, id)
    WHERE state IN ('pending', 'no-answer', 'busy', 'failed') AND retry_ready;

-- Hangfire's own tables live in this schema of the product database (Hangfire.PostgreSql installs them at start-up
-- as the product's role, which owns the schema).
CREATE SCHEMA IF NOT EXISTS hangfire;
