CREATE TABLE applications (
    reference       TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    received_at     TEXT NOT NULL,
    profile         TEXT NOT NULL,
    body_sha256     TEXT NOT NULL,
    body            TEXT NOT NULL,
    -- The order they were stored in (SQLite's rowid).
    seq             BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE
);
-- The first answer given for a key. Written in the transaction that stores the application;
-- while a key is being received, its instance holds a transaction-level advisory lock on it.
CREATE TABLE idempotency (
    idempotency_key TEXT PRIMARY KEY,
    body_sha256     TEXT NOT NULL,
    status          INTEGER NOT NULL,
    response        TEXT NOT NULL
);
CREATE TABLE attachments (
    sha256             TEXT PRIMARY KEY,
    size_bytes         BIGINT NOT NULL,
    kind               TEXT NOT NULL,
    password_protected BOOLEAN NOT NULL,
    received_at        BIGINT NOT NULL
);
-- A document's bytes, apart from its facts, in parts of at most 1 MiB: written and read a part
-- at a time, so that neither the receiver nor the server holds a whole file in memory.
CREATE TABLE attachment_bytes (
    sha256  TEXT NOT NULL,
    part    INTEGER NOT NULL,
    content BYTEA NOT NULL,
    PRIMARY KEY (sha256, part)
);
-- Documents are mostly compressed already (PDF, DOCX, JPEG): not compressed again.
ALTER TABLE attachment_bytes ALTER COLUMN content SET STORAGE EXTERNAL;
CREATE TABLE application_attachments (
    reference  TEXT NOT NULL,
    position   INTEGER NOT NULL,
    sha256     TEXT NOT NULL,
    filename   TEXT,
    type       TEXT,
    size_bytes BIGINT,
    PRIMARY KEY (reference, position)
);
CREATE INDEX application_attachments_by_sha256 ON application_attachments (sha256);
