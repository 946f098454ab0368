-- The source document's text, line by line, and the document's facts. $doc_id.
SELECT l.line_no, l.ref, l.page, l.text, d.source_name, d.doc_kind, d.messages
FROM lines l JOIN documents d USING (doc_id)
WHERE l.doc_id = $doc_id
ORDER BY l.line_no
