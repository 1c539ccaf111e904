-- The schema the receiver had before its migrations were numbered: IF NOT EXISTS, so that a
-- database created then is taken as it is.
CREATE TABLE IF NOT EXISTS applications (
    reference       TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    received_at     TEXT NOT NULL,
    profile         TEXT NOT NULL,
    body_sha256     TEXT NOT NULL,
    body            TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS idempotency (
    idempotency_key TEXT PRIMARY KEY,
    body_sha256     TEXT NOT NULL,
    status          INTEGER NOT NULL,
    response        TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS attachments (
    sha256             TEXT PRIMARY KEY,
    size_bytes         INTEGER NOT NULL,
    kind               TEXT NOT NULL,
    password_protected INTEGER NOT NULL,
    received_at        INTEGER NOT NULL
);
-- A document's bytes, apart from its facts: the facts' row is read and updated (each time the
-- file is sent again) without touching the bytes, which SQLite would otherwise read and write
-- whole with the row.
CREATE TABLE IF NOT EXISTS attachment_bytes (
    sha256  TEXT PRIMARY KEY,
    content BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS application_attachments (
    reference  TEXT NOT NULL,
    position   INTEGER NOT NULL,
    sha256     TEXT NOT NULL,
    filename   TEXT,
    type       TEXT,
    size_bytes INTEGER,
    PRIMARY KEY (reference, position)
);
CREATE INDEX IF NOT EXISTS application_attachments_by_sha256 ON application_attachments (sha256);
