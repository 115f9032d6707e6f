-- /forget, /rtfm forget user: the member's votes on other members' answers go too.
DELETE FROM votes WHERE guild_id = :#guild_id AND user_id = :#subject_id
