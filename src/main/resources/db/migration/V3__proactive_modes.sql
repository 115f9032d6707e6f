-- Proactive answers: a question RTFM noticed by itself is asked_via 'proactive', and one it did not answer (the
-- ranking was not sure enough) has the mode 'proactive_skipped': 17 characters, over the 16 the first schema allowed.
-- PostgreSQL does not change the type of a column a view reads, so the view is made again around the change.
DROP VIEW question_log;

ALTER TABLE questions ALTER COLUMN mode SET DATA TYPE VARCHAR(32);

CREATE VIEW question_log AS
SELECT q.*,       q.answered_at_ms - q.asked_at_ms AS latency_ms,
       (SELECT COUNT(*) FROM votes v WHERE v.query_id = q.query_id AND v.vote = 'up') AS up_votes,
       (SELECT COUNT(*) FROM votes v WHERE v.query_id = q.query_id AND v.vote = 'down') AS down_votes
FROM questions q;
