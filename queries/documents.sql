-- Every ingested file with its outcome, within the user's scope. Params: $status (ok | warning | quarantined), optional.
-- A scoped user sees the documents of their district/town (and none whose place is unknown).
SELECT source_name, doc_kind, status, records, unit, district, town, year, demo,
       len(messages) AS findings, messages, reason, encoding, format, ingested_at, doc_id, doc_date
FROM documents
WHERE ($status IS NULL OR status = $status) AND in_scope(district, town, $scope_district, $scope_town)
ORDER BY ingested_at DESC, source_name
