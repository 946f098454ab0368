"""绩效驾驶舱: everything that is not a page — ingestion, the lake, domain rules, the CLI."""
