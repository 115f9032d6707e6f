-- A question (bot-queries): its row is made, or completed when its answer or a vote came first.
MERGE INTO questions q
USING (SELECT CAST(:#query_id AS VARCHAR(100)) AS query_id) s ON (q.query_id = s.query_id)
WHEN MATCHED THEN UPDATE SET
    guild_id = :#guild_id, channel_id = :#channel_id, thread_id = :#thread_id, asker_id = :#asker_id,
    asker_name = :#asker_name, asked_via = :#asked_via, question = :#question, asked_at = :#asked_at, asked_at_ms = :#asked_at_ms
WHEN NOT MATCHED THEN INSERT
    (query_id, guild_id, channel_id, thread_id, asker_id, asker_name, asked_via, question, asked_at, asked_at_ms, recorded_at)
    VALUES (:#query_id, :#guild_id, :#channel_id, :#thread_id, :#asker_id, :#asker_name, :#asked_via, :#question, :#asked_at,
            :#asked_at_ms, :#recorded_at)
