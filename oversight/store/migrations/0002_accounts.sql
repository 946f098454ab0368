-- Users (with OVERSIGHT_DB_URL; the embedded default keeps data/users.json), sign-in attempts for the
-- 5-per-5-minutes limit shared by every replica, and an audit log of sign-ins and account changes.
CREATE TABLE IF NOT EXISTS users (
    name VARCHAR PRIMARY KEY,
    role VARCHAR NOT NULL,
    district VARCHAR,
    town VARCHAR,
    email VARCHAR,
    hash VARCHAR NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE SEQUENCE IF NOT EXISTS signin_attempts_n;
CREATE TABLE IF NOT EXISTS signin_attempts (
    n BIGINT PRIMARY KEY DEFAULT nextval('signin_attempts_n'),
    name VARCHAR NOT NULL,
    stamp DOUBLE PRECISION NOT NULL
);
CREATE INDEX IF NOT EXISTS signin_attempts_name ON signin_attempts (name, stamp);
CREATE SEQUENCE IF NOT EXISTS audit_log_n;
CREATE TABLE IF NOT EXISTS audit_log (
    n BIGINT PRIMARY KEY DEFAULT nextval('audit_log_n'),
    "at" TIMESTAMP NOT NULL,
    "user" VARCHAR NOT NULL,
    action VARCHAR NOT NULL,
    detail VARCHAR
);
