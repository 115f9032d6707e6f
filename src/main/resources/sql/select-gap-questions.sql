-- Knowledge-gap questions not yet embedded (embed-gap-questions): those that found nothing, or got more 👎 than 👍.
SELECT q.query_id, q.question FROM questions q
WHERE q.question IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM question_vectors w WHERE w.query_id = q.query_id)
  AND (q.mode = 'no_match' OR q.query_id IN (
        SELECT v.query_id FROM votes v GROUP BY v.query_id
        HAVING SUM(CASE WHEN v.vote = 'down' THEN 1 ELSE 0 END) > SUM(CASE WHEN v.vote = 'up' THEN 1 ELSE 0 END)))
ORDER BY q.asked_at_ms, q.query_id
FETCH FIRST 200 ROWS ONLY
