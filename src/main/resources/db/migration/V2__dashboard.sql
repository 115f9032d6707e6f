-- The dashboard reads one guild at a time, newest first, often by outcome or channel.
CREATE INDEX questions_guild_mode_asked ON questions (guild_id, mode, asked_at);
CREATE INDEX questions_guild_channel_asked ON questions (guild_id, channel_id, asked_at);
-- the overview's three passes over a guild's last 30 days read this index alone (an index-only scan in PostgreSQL)
CREATE INDEX questions_overview ON questions (guild_id, asked_at_ms, channel_id, mode, answered_at_ms);

-- Knowledge gaps: each question that found nothing, or got more 👎 than 👍, embedded once (all-MiniLM-L6-v2,
-- 384 floats, little-endian, base64) by the processor's embed-gap-questions, so the dashboard can group them by meaning.
CREATE TABLE question_vectors (
    query_id  VARCHAR(100) PRIMARY KEY REFERENCES questions (query_id) ON DELETE CASCADE,
    vector    VARCHAR(2100) NOT NULL
);
