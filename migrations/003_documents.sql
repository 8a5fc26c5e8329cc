-- Co-edited documents: metadata, the Yjs update log, its compacted base state, named versions.
CREATE TABLE documents (
	-- Opaque random id: it is the websocket room (/yjs/<id>) and must not be guessable or sequential.
	id TEXT PRIMARY KEY,
	tavolo_id INTEGER NOT NULL REFERENCES tavoli(id) ON DELETE CASCADE,
	kind TEXT NOT NULL CHECK (kind IN ('piano','verbale','accordo','nota')),
	subkind TEXT CHECK (subkind IS NULL OR subkind IN ('protocollo_intesa','convenzione','accordo_programma')),
	title TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'attivo' CHECK (status IN ('attivo','archiviato')),
	-- Frozen (approved) documents are read-only for everyone; the hash pins the approved content.
	frozen_at TEXT,
	frozen_hash TEXT,
	frozen_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
	created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX documents_tavolo ON documents(tavolo_id, kind);

-- The compacted state (Y.encodeStateAsUpdate) up to the log entries that follow it.
CREATE TABLE document_states (
	document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
	state BLOB NOT NULL,
	updated_at INTEGER NOT NULL
);

-- Every update received, appended before it is broadcast; folded into document_states by compaction.
CREATE TABLE document_updates (
	id INTEGER PRIMARY KEY,
	document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	data BLOB NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE INDEX document_updates_doc ON document_updates(document_id, id);

CREATE TABLE document_versions (
	id INTEGER PRIMARY KEY,
	document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
	state BLOB NOT NULL,
	hash TEXT NOT NULL
);
CREATE INDEX document_versions_doc ON document_versions(document_id, id);
