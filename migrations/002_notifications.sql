-- The in-app notification centre: one row per recipient, kept until read (and after).
CREATE TABLE notifications (
	id INTEGER PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	tavolo_id INTEGER REFERENCES tavoli(id) ON DELETE CASCADE,
	kind TEXT NOT NULL,
	title TEXT NOT NULL,
	body TEXT NOT NULL DEFAULT '',
	url TEXT,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
	read_at TEXT
);
CREATE INDEX notifications_user ON notifications(user_id, read_at, id);
