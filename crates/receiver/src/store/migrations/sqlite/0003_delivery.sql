-- The outbox: one row for each application stored while delivery to case management is on
-- (--forward-url), written in the transaction that stores the application, so that neither is
-- ever without the other. `event` is the body sent, fixed when the application is stored; a
-- row stays once delivered (`delivered_at`), and is tried until then.
CREATE TABLE deliveries (
    reference       TEXT PRIMARY KEY,
    event           TEXT NOT NULL,
    -- When it is next due, in milliseconds since 1970.
    next_attempt_ms BIGINT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_attempt_at TEXT,
    -- The last attempt's HTTP status, or why it had none.
    last_status     INTEGER,
    last_error      TEXT,
    delivered_at    TEXT
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_ms) WHERE delivered_at IS NULL;
