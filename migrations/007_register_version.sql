-- The public register's cache version (src/lib/server/decisions/version.ts). It used to be
-- SQLite's own change counters, which move on every write to the database (a keystroke in any
-- document, a session refresh), so the cache missed exactly when the server was busy. This
-- counter moves only when what the public register shows can change: a decision written while
-- published or being published, its albo reference, a tavolo (name, region, public flag).
-- Drafts, votes and attachments of drafts are not public; those of published decisions are
-- frozen by the triggers of migration 005.
CREATE TABLE register_version (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n INTEGER NOT NULL
);
INSERT INTO register_version (id, n) VALUES (1, 1);

CREATE TRIGGER register_version_decision_insert AFTER INSERT ON decisions
WHEN NEW.status = 'pubblicata'
BEGIN UPDATE register_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER register_version_decision_update AFTER UPDATE ON decisions
WHEN NEW.status = 'pubblicata' OR OLD.status = 'pubblicata'
BEGIN UPDATE register_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER register_version_decision_delete AFTER DELETE ON decisions
WHEN OLD.status = 'pubblicata'
BEGIN UPDATE register_version SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER register_version_albo_insert AFTER INSERT ON decision_albo
BEGIN UPDATE register_version SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER register_version_tavolo_insert AFTER INSERT ON tavoli
BEGIN UPDATE register_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER register_version_tavolo_update AFTER UPDATE ON tavoli
BEGIN UPDATE register_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER register_version_tavolo_delete AFTER DELETE ON tavoli
BEGIN UPDATE register_version SET n = n + 1 WHERE id = 1; END;
