-- An answer given again with fewer sources (a late answer after an error) keeps only its own.
DELETE FROM answer_sources WHERE query_id = :#query_id AND source_rank > :#sources_count
