-- The staff API's keys: each stored only as the SHA-256 of the key, named, revocable. A name
-- is never used again, revoked or not, so that the audit's names stay unambiguous.
CREATE TABLE api_keys (
    name       TEXT PRIMARY KEY,
    key_sha256 TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
-- The status the panel has set for an application (none: received).
CREATE TABLE application_status (
    reference    TEXT PRIMARY KEY,
    status       TEXT NOT NULL,
    amount_pence BIGINT,
    note         TEXT,
    changed_at   TEXT NOT NULL,
    changed_by   TEXT NOT NULL
);
-- Every staff read and change: who (the key's name), what, which application, when.
-- Append-only: a row can be neither changed nor removed.
CREATE TABLE staff_audit (
    seq       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        TEXT NOT NULL,
    key_name  TEXT NOT NULL,
    action    TEXT NOT NULL,
    reference TEXT,
    detail    TEXT
);
CREATE FUNCTION staff_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the staff audit is append-only';
END
$$;
CREATE TRIGGER staff_audit_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON staff_audit
    FOR EACH STATEMENT EXECUTE FUNCTION staff_audit_append_only();
