-- Every ingested file with its outcome. Params: $status VARCHAR (ok | warning | quarantined), optional.
SELECT source_name, doc_kind, status, records, unit, district, town, year, demo,
       len(messages) AS findings, messages, reason, encoding, format, ingested_at, doc_id
FROM documents
WHERE $status IS NULL OR status = $status
ORDER BY ingested_at DESC, source_name
