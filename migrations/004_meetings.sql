-- Riunioni: convocations with an ordine del giorno, RSVP, attendance, minutes pipeline, calendar feeds.
-- Instants are UTC ISO strings; the UI converts to and from Europe/Rome.
CREATE TABLE meetings (
	id INTEGER PRIMARY KEY,
	tavolo_id INTEGER NOT NULL REFERENCES tavoli(id) ON DELETE CASCADE,
	-- Stable iCalendar UID: a rescheduled meeting replaces itself in subscribers' calendars.
	uid TEXT NOT NULL UNIQUE,
	title TEXT NOT NULL,
	starts_at TEXT NOT NULL,
	ends_at TEXT NOT NULL,
	modality TEXT NOT NULL CHECK (modality IN ('presenza','online','mista')),
	place TEXT NOT NULL DEFAULT '',
	video_url TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL DEFAULT 'bozza'
		CHECK (status IN ('bozza','convocata','rinviata','svolta','annullata','verbale_approvato')),
	status_reason TEXT NOT NULL DEFAULT '',
	-- iCalendar SEQUENCE: bumped on every change after convocation.
	sequence INTEGER NOT NULL DEFAULT 0,
	-- Optimistic concurrency between secretaries: every write checks and bumps it.
	version INTEGER NOT NULL DEFAULT 1,
	convened_at TEXT,
	created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX meetings_tavolo ON meetings(tavolo_id, starts_at);

CREATE TABLE agenda_items (
	id INTEGER PRIMARY KEY,
	meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	title TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	proposing_ente_id INTEGER REFERENCES enti(id),
	duration_minutes INTEGER,
	-- JSON array of workspace document ids linked to the item.
	document_ids TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX agenda_items_meeting ON agenda_items(meeting_id, position);

CREATE TABLE meeting_rsvps (
	meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
	user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	answer TEXT NOT NULL CHECK (answer IN ('partecipo','non_partecipo','delego')),
	answered_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
	PRIMARY KEY (meeting_id, user_id)
);

CREATE TABLE meeting_attendance (
	meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
	user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	status TEXT NOT NULL CHECK (status IN ('presente','assente','remoto')),
	recorded_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
	recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
	PRIMARY KEY (meeting_id, user_id)
);

-- The verbale of a meeting: a co-edited document (issue 3) moving bozza → in_approvazione → approvato.
CREATE TABLE meeting_minutes (
	id INTEGER PRIMARY KEY,
	meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
	document_id TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'bozza' CHECK (status IN ('bozza','in_approvazione','approvato','superato')),
	deadline TEXT,
	content_hash TEXT,
	frozen_at TEXT,
	approved_at TEXT,
	-- A correction of an approved verbale points at the one it supersedes.
	corrects_id INTEGER REFERENCES meeting_minutes(id),
	created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX meeting_minutes_meeting ON meeting_minutes(meeting_id);

-- Subscribable calendar feeds at secret URLs: only the SHA-256 of the token is kept.
CREATE TABLE calendar_feeds (
	id INTEGER PRIMARY KEY,
	token_hash TEXT NOT NULL UNIQUE,
	user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	-- NULL: every tavolo of the user.
	tavolo_id INTEGER REFERENCES tavoli(id) ON DELETE CASCADE,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
	revoked_at TEXT
);
CREATE INDEX calendar_feeds_user ON calendar_feeds(user_id);
