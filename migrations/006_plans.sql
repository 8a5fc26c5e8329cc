-- Piani di attività. The plan itself lives in a Yjs document (documents domain, kind 'piano');
-- these tables are a relational projection of its 'azioni' map, rebuilt from the document after
-- every change and never edited directly, plus the per-tavolo lists of priorities and funds.

CREATE TABLE plans (
	id INTEGER PRIMARY KEY,
	tavolo_id INTEGER NOT NULL UNIQUE REFERENCES tavoli(id) ON DELETE CASCADE,
	document_id TEXT NOT NULL UNIQUE REFERENCES documents(id) ON DELETE CASCADE,
	title TEXT NOT NULL,
	-- When the projection was last rebuilt from the document (NULL: never, rebuild on start-up).
	projected_at TEXT,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);

-- Priority areas and funding lines, per tavolo, editable by the segreteria.
CREATE TABLE plan_options (
	id INTEGER PRIMARY KEY,
	tavolo_id INTEGER NOT NULL REFERENCES tavoli(id) ON DELETE CASCADE,
	kind TEXT NOT NULL CHECK (kind IN ('priorita', 'fondo')),
	code TEXT NOT NULL,
	label TEXT NOT NULL,
	position INTEGER NOT NULL DEFAULT 0,
	UNIQUE (tavolo_id, kind, code)
);

CREATE TABLE plan_actions (
	plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
	tavolo_id INTEGER NOT NULL REFERENCES tavoli(id) ON DELETE CASCADE,
	action_id TEXT NOT NULL,
	position INTEGER NOT NULL,
	title TEXT NOT NULL,
	description TEXT NOT NULL,
	programme_code TEXT NOT NULL,
	fondo TEXT NOT NULL,
	priorita TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('da_avviare','in_corso','completata','sospesa')),
	start_date TEXT NOT NULL,
	end_date TEXT NOT NULL,
	capofila_id INTEGER,
	-- NULL when missing or invalid (then budget_raw keeps what was typed): excluded from totals.
	budget REAL,
	budget_raw TEXT,
	created TEXT NOT NULL,
	issues TEXT NOT NULL DEFAULT '[]',
	PRIMARY KEY (plan_id, action_id)
);
CREATE INDEX plan_actions_tavolo ON plan_actions(tavolo_id);

CREATE TABLE plan_action_partners (
	plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
	action_id TEXT NOT NULL,
	position INTEGER NOT NULL,
	ente_id INTEGER NOT NULL,
	PRIMARY KEY (plan_id, action_id, position)
);

CREATE TABLE plan_indicators (
	plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
	action_id TEXT NOT NULL,
	position INTEGER NOT NULL,
	indicator_id TEXT NOT NULL,
	name TEXT NOT NULL,
	unit TEXT NOT NULL,
	baseline REAL,
	target REAL,
	current REAL,
	raw TEXT NOT NULL DEFAULT '{}',
	valid INTEGER NOT NULL,
	progress REAL,
	issues TEXT NOT NULL DEFAULT '[]',
	PRIMARY KEY (plan_id, action_id, position)
);

CREATE TABLE plan_proroghe (
	plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
	action_id TEXT NOT NULL,
	position INTEGER NOT NULL,
	new_end TEXT NOT NULL,
	previous_end TEXT NOT NULL,
	reason TEXT NOT NULL,
	by_name TEXT NOT NULL,
	at TEXT NOT NULL,
	PRIMARY KEY (plan_id, action_id, position)
);

