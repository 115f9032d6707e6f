-- An answer (bot-responses): written onto its question's row, made here when the answer came first.
MERGE INTO questions q
USING (SELECT CAST(:#query_id AS VARCHAR(100)) AS query_id) s ON (q.query_id = s.query_id)
WHEN MATCHED THEN UPDATE SET
    mode = :#mode, answer = :#answer, model = :#model, best_similarity = :#best_similarity, sources_count = :#sources_count,
    withheld_count = :#withheld_count, prompt_tokens = :#prompt_tokens, output_tokens = :#output_tokens,
    answered_at = :#answered_at, answered_at_ms = :#answered_at_ms
WHEN NOT MATCHED THEN INSERT
    (query_id, channel_id, mode, answer, model, best_similarity, sources_count, withheld_count, prompt_tokens, output_tokens,
     answered_at, answered_at_ms, recorded_at)
    VALUES (:#query_id, :#channel_id, :#mode, :#answer, :#model, :#best_similarity, :#sources_count, :#withheld_count,
            :#prompt_tokens, :#output_tokens, :#answered_at, :#answered_at_ms, :#recorded_at)
