-- 人工核对: append-only confirmations and corrections of values the reader was unsure of. A value is
-- named by review_id (a hash of tbl, doc_id, project_id, period_end and field: re-ingesting the same
-- document keeps it); new_value is in the lake's units (万元, a rate as a fraction). `n` orders them.
CREATE SEQUENCE IF NOT EXISTS review_corrections_n;
CREATE TABLE IF NOT EXISTS review_corrections (
    correction_id VARCHAR PRIMARY KEY,
    review_id VARCHAR NOT NULL,
    tbl VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL,
    project_id VARCHAR,
    period_end DATE,
    field VARCHAR NOT NULL,
    action VARCHAR NOT NULL,
    old_value VARCHAR,
    new_value VARCHAR,
    note VARCHAR,
    "user" VARCHAR NOT NULL,
    "at" TIMESTAMP NOT NULL,
    n BIGINT NOT NULL DEFAULT nextval('review_corrections_n')
);
CREATE INDEX IF NOT EXISTS review_corrections_n_idx ON review_corrections (n);
