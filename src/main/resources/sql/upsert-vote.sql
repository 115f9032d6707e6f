-- A member's vote: one per member per answer; a later vote replaces the earlier one, a redelivered older one does not.
MERGE INTO votes v
USING (SELECT CAST(:#query_id AS VARCHAR(100)) AS query_id, CAST(:#user_id AS VARCHAR(64)) AS user_id) s
    ON (v.query_id = s.query_id AND v.user_id = s.user_id)
WHEN MATCHED AND v.voted_at <= :#voted_at THEN UPDATE SET vote = :#vote, comment = :#comment, channel_id = :#channel_id, voted_at = :#voted_at
WHEN NOT MATCHED THEN INSERT (query_id, user_id, guild_id, channel_id, vote, comment, voted_at)
    VALUES (:#query_id, :#user_id, :#guild_id, :#channel_id, :#vote, :#comment, :#voted_at)
