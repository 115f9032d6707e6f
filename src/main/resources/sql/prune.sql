-- Retention (rtfm.log.retention-days): older questions go, with their sources and votes.
DELETE FROM questions WHERE COALESCE(asked_at, recorded_at) < :#cutoff
