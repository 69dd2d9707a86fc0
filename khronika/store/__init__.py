"""The embedded DuckDB store: schema and writes (db), batch ingest (ingest), queries over
stored events (query)."""
