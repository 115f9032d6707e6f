-- One cited message of an answer, by its rank (1 = the first source).
MERGE INTO answer_sources a
USING (SELECT CAST(:#query_id AS VARCHAR(100)) AS query_id, CAST(:#source_rank AS INTEGER) AS source_rank) s
    ON (a.query_id = s.query_id AND a.source_rank = s.source_rank)
WHEN MATCHED THEN UPDATE SET message_id = :#message_id, channel_id = :#channel_id, score = :#score
WHEN NOT MATCHED THEN INSERT (query_id, source_rank, message_id, channel_id, score)
    VALUES (:#query_id, :#source_rank, :#message_id, :#channel_id, :#score)
