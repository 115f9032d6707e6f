-- /forget, /rtfm forget user: the member's questions go, with their answers' sources and every vote on them.
DELETE FROM questions WHERE guild_id = :#guild_id AND asker_id = :#subject_id
