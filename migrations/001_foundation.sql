-- Foundation: people, sessions, enti, tavoli, memberships, invitations.
CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	email TEXT NOT NULL UNIQUE COLLATE NOCASE,
	name TEXT NOT NULL,
	password_hash TEXT,
	is_admin INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),
	locale TEXT NOT NULL DEFAULT 'it' CHECK (locale IN ('it', 'en')),
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);

-- Lucia design: the id is the SHA-256 of the token the browser holds; the token itself is never stored.
CREATE TABLE sessions (
	id TEXT PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL,
	absolute_expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE enti (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE COLLATE NOCASE,
	kind TEXT NOT NULL CHECK (kind IN ('regione','prefettura','ispettorato_lavoro','comune','asl','centro_impiego','terzo_settore','parte_sociale','ministero','altro')),
	region TEXT,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);

CREATE TABLE tavoli (
	id INTEGER PRIMARY KEY,
	slug TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	region TEXT,
	theme TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL DEFAULT 'attivo' CHECK (status IN ('attivo','sospeso','concluso')),
	is_public INTEGER NOT NULL DEFAULT 0 CHECK (is_public IN (0, 1)),
	-- Quorum counts enti: 'maggioranza' (more than half the member enti), or 'n:<k>' for a fixed number.
	quorum_rule TEXT NOT NULL DEFAULT 'maggioranza',
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);

CREATE TABLE memberships (
	id INTEGER PRIMARY KEY,
	tavolo_id INTEGER NOT NULL REFERENCES tavoli(id) ON DELETE CASCADE,
	user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	ente_id INTEGER NOT NULL REFERENCES enti(id),
	role TEXT NOT NULL CHECK (role IN ('segreteria','componente','osservatore')),
	-- Only componenti represent their ente in votes and quorum.
	representation TEXT CHECK (representation IN ('titolare','supplente')),
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
	UNIQUE (tavolo_id, user_id)
);
CREATE INDEX memberships_user ON memberships(user_id);

CREATE TABLE invitations (
	id INTEGER PRIMARY KEY,
	token_hash TEXT NOT NULL UNIQUE,
	tavolo_id INTEGER NOT NULL REFERENCES tavoli(id) ON DELETE CASCADE,
	email TEXT NOT NULL COLLATE NOCASE,
	name TEXT NOT NULL DEFAULT '',
	ente_id INTEGER NOT NULL REFERENCES enti(id),
	role TEXT NOT NULL CHECK (role IN ('segreteria','componente','osservatore')),
	representation TEXT CHECK (representation IN ('titolare','supplente')),
	invited_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL,
	used_at INTEGER,
	revoked_at INTEGER
);
