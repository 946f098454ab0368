-- The source document's text, line by line, and the document's facts, within the user's scope. $doc_id.
SELECT l.line_no, l.ref, l.page, l.text, d.source_name, d.doc_kind, d.messages
FROM lines l JOIN documents d USING (doc_id)
WHERE l.doc_id = $doc_id AND in_scope(d.district, d.town, $scope_district, $scope_town)
ORDER BY l.line_no
