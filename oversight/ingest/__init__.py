"""Ingestion: bytes → readers → parsers → one `FileResult` per file → the pipeline merges them into the lake."""
