-- The register of decisions. A decision is a draft until the segreteria publishes it; publication
-- gives it its progressive number per tavolo and year ("7/2026"), a place in its tavolo's hash
-- chain, and makes it immutable (enforced below by triggers, not only by the app).
CREATE TABLE decisions (
	id INTEGER PRIMARY KEY,
	tavolo_id INTEGER NOT NULL REFERENCES tavoli(id),
	-- Recorded at a meeting (agenda item) or, when both are NULL, by written procedure.
	-- No foreign keys: the meetings tables belong to another migration and may come later.
	meeting_id INTEGER,
	agenda_item_id INTEGER,
	title TEXT NOT NULL,
	body TEXT NOT NULL,
	type TEXT NOT NULL CHECK (type IN ('approvazione_piano','approvazione_verbale','parere','accordo','indirizzo','altro')),
	outcome TEXT NOT NULL CHECK (outcome IN ('approvata','respinta','rinviata')),
	voting TEXT NOT NULL CHECK (voting IN ('consenso','voti')),
	visibility TEXT NOT NULL CHECK (visibility IN ('riservata','membri','osservatori','pubblica')),
	decided_on TEXT NOT NULL, -- YYYY-MM-DD, the day the tavolo decided
	rettifica_of INTEGER REFERENCES decisions(id),
	status TEXT NOT NULL DEFAULT 'bozza' CHECK (status IN ('bozza','pubblicata')),
	year INTEGER,
	number INTEGER,
	-- Position in the chain of its tavolo and visibility (see docs/registro.md).
	chain_seq INTEGER,
	published_at TEXT,
	prev_hash TEXT,
	hash TEXT,
	created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
	published_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
	CHECK (status = 'bozza' OR (year IS NOT NULL AND number IS NOT NULL AND hash IS NOT NULL AND chain_seq IS NOT NULL)),
	UNIQUE (tavolo_id, year, number),
	UNIQUE (tavolo_id, visibility, chain_seq)
);
CREATE INDEX decisions_public ON decisions(status, visibility, published_at DESC, id DESC, tavolo_id);
CREATE INDEX decisions_tavolo ON decisions(tavolo_id, status, year, number);
CREATE INDEX decisions_rettifica ON decisions(rettifica_of);

-- Votes per ente present. The ente's name is kept as it was at the vote: the hash covers it.
CREATE TABLE decision_votes (
	decision_id INTEGER NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
	ente_id INTEGER NOT NULL REFERENCES enti(id),
	ente_name TEXT NOT NULL,
	vote TEXT NOT NULL CHECK (vote IN ('favorevole','contrario','astenuto')),
	PRIMARY KEY (decision_id, ente_id)
);

-- Attachments point to frozen versions of workspace documents (by version and hash). No foreign
-- keys to the documents tables, which belong to another migration.
CREATE TABLE decision_attachments (
	id INTEGER PRIMARY KEY,
	decision_id INTEGER NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	document_id TEXT, -- documents use text ids
	version_id INTEGER,
	title TEXT NOT NULL,
	sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
	UNIQUE (decision_id, position)
);

-- The reference of the legal publication on an ente's albo pretorio. Kept apart from the decision
-- row because it arrives after publication and is not part of the hashed record.
CREATE TABLE decision_albo (
	decision_id INTEGER PRIMARY KEY REFERENCES decisions(id),
	ente_name TEXT NOT NULL,
	number TEXT NOT NULL,
	published_on TEXT NOT NULL,
	url TEXT NOT NULL,
	recorded_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
	recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);

CREATE TABLE decision_follows (
	user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	tavolo_id INTEGER NOT NULL REFERENCES tavoli(id) ON DELETE CASCADE,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
	PRIMARY KEY (user_id, tavolo_id)
);
CREATE INDEX decision_follows_tavolo ON decision_follows(tavolo_id);

-- Full-text search over published decisions (rows are added at publication, never changed).
CREATE VIRTUAL TABLE decisions_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');

-- Immutability of published decisions, whatever path writes to the database.
CREATE TRIGGER decisions_published_no_update BEFORE UPDATE ON decisions
WHEN OLD.status = 'pubblicata'
BEGIN SELECT RAISE(ABORT, 'Decisione pubblicata: non modificabile'); END;

CREATE TRIGGER decisions_published_no_delete BEFORE DELETE ON decisions
WHEN OLD.status = 'pubblicata'
BEGIN SELECT RAISE(ABORT, 'Decisione pubblicata: non eliminabile'); END;

CREATE TRIGGER decision_votes_frozen_insert BEFORE INSERT ON decision_votes
WHEN (SELECT status FROM decisions WHERE id = NEW.decision_id) = 'pubblicata'
BEGIN SELECT RAISE(ABORT, 'Decisione pubblicata: voti non modificabili'); END;
CREATE TRIGGER decision_votes_frozen_update BEFORE UPDATE ON decision_votes
WHEN (SELECT status FROM decisions WHERE id = OLD.decision_id) = 'pubblicata'
BEGIN SELECT RAISE(ABORT, 'Decisione pubblicata: voti non modificabili'); END;
CREATE TRIGGER decision_votes_frozen_delete BEFORE DELETE ON decision_votes
WHEN (SELECT status FROM decisions WHERE id = OLD.decision_id) = 'pubblicata'
BEGIN SELECT RAISE(ABORT, 'Decisione pubblicata: voti non modificabili'); END;

CREATE TRIGGER decision_attachments_frozen_insert BEFORE INSERT ON decision_attachments
WHEN (SELECT status FROM decisions WHERE id = NEW.decision_id) = 'pubblicata'
BEGIN SELECT RAISE(ABORT, 'Decisione pubblicata: allegati non modificabili'); END;
CREATE TRIGGER decision_attachments_frozen_update BEFORE UPDATE ON decision_attachments
WHEN (SELECT status FROM decisions WHERE id = OLD.decision_id) = 'pubblicata'
BEGIN SELECT RAISE(ABORT, 'Decisione pubblicata: allegati non modificabili'); END;
CREATE TRIGGER decision_attachments_frozen_delete BEFORE DELETE ON decision_attachments
WHEN (SELECT status FROM decisions WHERE id = OLD.decision_id) = 'pubblicata'
BEGIN SELECT RAISE(ABORT, 'Decisione pubblicata: allegati non modificabili'); END;

-- The albo reference is recorded once; a wrong one is not silently replaced.
CREATE TRIGGER decision_albo_no_update BEFORE UPDATE ON decision_albo
BEGIN SELECT RAISE(ABORT, 'Riferimento all’albo già registrato'); END;
CREATE TRIGGER decision_albo_no_delete BEFORE DELETE ON decision_albo
BEGIN SELECT RAISE(ABORT, 'Riferimento all’albo già registrato'); END;
