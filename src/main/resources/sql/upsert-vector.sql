-- A knowledge-gap question's vector (embed-gap-questions); two processors may embed the same question: the last write wins.
MERGE INTO question_vectors w
USING (SELECT CAST(:#query_id AS VARCHAR(100)) AS query_id) s ON (w.query_id = s.query_id)
WHEN MATCHED THEN UPDATE SET vector = :#vector
WHEN NOT MATCHED THEN INSERT (query_id, vector) VALUES (:#query_id, :#vector)
