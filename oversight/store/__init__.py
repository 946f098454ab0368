"""Storage: the lake's schemas, the versioned Parquet lake, the query layer and the 整改 follow-up store.

Never imports ingestion: the lake merges `records.FileResult`s, which ingestion produces.
"""
