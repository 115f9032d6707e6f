-- A vote can come before its question: the question's row is made to hold it, and completed when the question comes.
MERGE INTO questions q
USING (SELECT CAST(:#query_id AS VARCHAR(100)) AS query_id) s ON (q.query_id = s.query_id)
WHEN NOT MATCHED THEN INSERT (query_id, guild_id, channel_id, recorded_at) VALUES (:#query_id, :#guild_id, :#channel_id, :#recorded_at)
