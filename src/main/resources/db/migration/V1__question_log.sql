-- The question log: one row per question (its answer and its votes beside it). Records arrive at least once
-- and in any order across topics, so every table is written by idempotent MERGE statements (src/main/resources/sql/)
-- and a row may start from any of them: a vote or an answer can come before its question.
-- Standard SQL that PostgreSQL 15+ and H2 2.x (the embedded default) both run.

CREATE TABLE questions (
    query_id          VARCHAR(100) PRIMARY KEY,
    guild_id          VARCHAR(64),
    channel_id        VARCHAR(64),
    -- the thread it was asked in (a public thread's questions are stored under their parent channel)
    thread_id         VARCHAR(64),
    asker_id          VARCHAR(64),
    asker_name        VARCHAR(200),
    -- trigger, slash, slash_private, console or api
    asked_via         VARCHAR(16),
    question          TEXT,
    asked_at          TIMESTAMP WITH TIME ZONE,
    asked_at_ms       BIGINT,
    -- generated, sources_only, no_match or error
    mode              VARCHAR(16),
    answer            TEXT,
    model             VARCHAR(100),
    best_similarity   DOUBLE PRECISION,
    sources_count     INTEGER,
    withheld_count    INTEGER,
    prompt_tokens     INTEGER,
    output_tokens     INTEGER,
    answered_at       TIMESTAMP WITH TIME ZONE,
    answered_at_ms    BIGINT,
    -- when this row was first written, for the retention of rows that never got their question
    recorded_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX questions_guild_asked ON questions (guild_id, asked_at);
CREATE INDEX questions_guild_asker ON questions (guild_id, asker_id);
CREATE INDEX questions_channel ON questions (guild_id, channel_id);
CREATE INDEX questions_recorded ON questions (recorded_at);

-- the messages an answer cited, first source first
CREATE TABLE answer_sources (
    query_id     VARCHAR(100) NOT NULL REFERENCES questions (query_id) ON DELETE CASCADE,
    source_rank  INTEGER NOT NULL,
    message_id   VARCHAR(64) NOT NULL,
    channel_id   VARCHAR(64),
    score        DOUBLE PRECISION,
    PRIMARY KEY (query_id, source_rank)
);

-- one vote per member per answer: a later vote replaces the earlier one
CREATE TABLE votes (
    query_id    VARCHAR(100) NOT NULL REFERENCES questions (query_id) ON DELETE CASCADE,
    user_id     VARCHAR(64) NOT NULL,
    guild_id    VARCHAR(64) NOT NULL,
    channel_id  VARCHAR(64),
    vote        VARCHAR(4) NOT NULL,
    comment     VARCHAR(300),
    voted_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (query_id, user_id)
);
CREATE INDEX votes_guild_user ON votes (guild_id, user_id);

-- what a reader of the log wants: each question with its latency and vote counts
CREATE VIEW question_log AS
SELECT q.*,
       q.answered_at_ms - q.asked_at_ms AS latency_ms,
       (SELECT COUNT(*) FROM votes v WHERE v.query_id = q.query_id AND v.vote = 'up') AS up_votes,
       (SELECT COUNT(*) FROM votes v WHERE v.query_id = q.query_id AND v.vote = 'down') AS down_votes
FROM questions q;
