-- 整改 follow-up: append-only status updates. `n` orders them (two saves in one instant still have a latest).
CREATE SEQUENCE IF NOT EXISTS rectification_updates_n;
CREATE TABLE IF NOT EXISTS rectification_updates (
    update_id VARCHAR PRIMARY KEY,
    item_id VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    due_date DATE,
    note VARCHAR,
    evidence VARCHAR,
    "user" VARCHAR NOT NULL,
    "at" TIMESTAMP NOT NULL,
    n BIGINT NOT NULL DEFAULT nextval('rectification_updates_n')
);
CREATE INDEX IF NOT EXISTS rectification_updates_n_idx ON rectification_updates (n);
