-- The audit log (registro delle attività): who did what, when, from which tavolo. Rows are written
-- in the same transaction as the change they describe (src/lib/server/audit). Append-only: no
-- UPDATE ever, and DELETE only through the retention purge (ADR 014).
-- No foreign keys on purpose: the record outlives the person, the tavolo or the target it names,
-- and a cascading delete would be a DELETE the triggers refuse.
CREATE TABLE audit_log (
	id INTEGER PRIMARY KEY,
	at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
	actor_id INTEGER,
	-- A snapshot of name and e-mail at the time: the log must read the same after a rename.
	actor_label TEXT NOT NULL DEFAULT '',
	tavolo_id INTEGER,
	action TEXT NOT NULL,
	target_type TEXT NOT NULL DEFAULT '',
	target_id TEXT NOT NULL DEFAULT '',
	target_label TEXT NOT NULL DEFAULT '',
	detail TEXT NOT NULL DEFAULT '{}',
	-- Truncated (IPv4 /24, IPv6 /48) before it is written: enough to tell networks apart, not people.
	ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_tavolo_at ON audit_log(tavolo_id, at);
CREATE INDEX audit_log_at ON audit_log(at);

-- Set only inside the purge's own transaction (one row, removed before it commits), so no other
-- statement ever sees it; even then only rows older than its cutoff may go.
CREATE TABLE audit_purge (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	cutoff TEXT NOT NULL
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN NOT EXISTS (SELECT 1 FROM audit_purge WHERE id = 1 AND OLD.at < cutoff)
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only: rows leave only through the retention purge');
END;

-- A purge cannot reach into the present: its cutoff lies at least one day in the past.
CREATE TRIGGER audit_purge_cutoff BEFORE INSERT ON audit_purge
WHEN NEW.cutoff > strftime('%Y-%m-%dT%H:%M:%fZ','now','-1 day')
BEGIN
	SELECT RAISE(ABORT, 'audit purge cutoff must be at least a day old');
END;
