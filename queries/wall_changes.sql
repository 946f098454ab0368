-- The latest changes in scope, newest first, for the wall's 最新动态: documents as they were ingested
-- and 整改 follow-up updates as staff saved them (every update, not only the latest per item: the
-- room sees each step). $district/$town narrow like the sidebar; $limit (default 20).
-- kind: document | update; at: when (Shanghai time); subject: the file, or the item's project;
-- detail: the document's status (ok | warning | quarantined), or the status the update set.
WITH docs AS (
    SELECT 'document' AS kind, ingested_at AS "at", unit, district, town, source_name AS subject,
           status AS detail, doc_kind, NULL::VARCHAR AS "user"
    FROM documents
    WHERE in_scope(district, town, $scope_district, $scope_town)
      AND ($district IS NULL OR district = $district) AND ($town IS NULL OR town = $town)
),
ups AS (
    SELECT 'update' AS kind, u."at" AS "at", i.unit, i.district, i.town, i.project AS subject,
           u.status AS detail, NULL::VARCHAR AS doc_kind, u."user"
    FROM rectification_updates u
    JOIN any_items($today, $scope_district, $scope_town) i USING (item_id)
    WHERE ($district IS NULL OR i.district = $district) AND ($town IS NULL OR i.town = $town)
)
SELECT kind, "at", unit, district, town, subject, detail, doc_kind, "user"
FROM (SELECT * FROM docs UNION ALL BY NAME SELECT * FROM ups)
ORDER BY "at" DESC, kind, subject
LIMIT coalesce($limit, 20)
