-- Every confirmation and correction (人工核对), newest first, within the user's scope: who, when, the
-- value, old → new, the note; orphaned when the value's row is no longer in the lake (its document was
-- replaced or removed): kept and listed, never dropped, and shown only to users without a scope.
-- Optional: $review_id, $user, $orphaned (true: only those), $since, $until (DATE).
WITH c AS (
    SELECT c.*, r.district, r.town, r.unit, r.name,
           coalesce(r.doc_id IS NULL AND NOT (c.tbl = 'documents' AND d.doc_id IS NOT NULL), true) AS orphaned,
           d.source_name, f.label AS field_label, f.kind AS value_kind
    FROM review_corrections c
    LEFT JOIN review_rows() r ON r.tbl = c.tbl AND r.doc_id = c.doc_id AND r.project_id = c.project_id
                              AND r.period_end IS NOT DISTINCT FROM c.period_end
    LEFT JOIN documents d ON d.doc_id = c.doc_id
    LEFT JOIN review_fields() f ON f.field = c.field
)
SELECT "at", "user", action, field_label, review_text(value_kind, old_value) AS old_value,
       review_text(value_kind, new_value) AS new_value, note, name, unit, coalesce(district, '') AS district,
       source_name, orphaned, review_id, doc_id, project_id, field, n
FROM c
WHERE (CASE WHEN orphaned THEN $scope_district IS NULL AND $scope_town IS NULL
            ELSE in_scope(district, town, $scope_district, $scope_town) END)
  AND ($review_id IS NULL OR review_id = $review_id)
  AND ($user IS NULL OR "user" = $user)
  AND ($orphaned IS NULL OR orphaned = $orphaned)
  AND ($since IS NULL OR "at" >= CAST($since AS DATE))
  AND ($until IS NULL OR "at" < CAST($until AS DATE) + INTERVAL 1 DAY)
ORDER BY n DESC
