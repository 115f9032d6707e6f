-- A deleted or excluded channel or thread: the questions asked there go, with their sources and votes.
DELETE FROM questions WHERE (guild_id = :#guild_id OR guild_id IS NULL) AND (channel_id = :#subject_id OR thread_id = :#subject_id)
