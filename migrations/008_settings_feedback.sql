-- Platform settings the admin sets in the app (accessibility statement URL, privacy notice), and
-- the accessibility problem reports (L. 4/2004: the feedback mechanism of the declaration).
CREATE TABLE settings (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL,
	updated_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);

CREATE TABLE accessibility_reports (
	id INTEGER PRIMARY KEY,
	-- Set when the reporter was signed in; the e-mail is the reply address either way.
	user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
	name TEXT NOT NULL DEFAULT '',
	email TEXT NOT NULL,
	page_url TEXT NOT NULL DEFAULT '',
	message TEXT NOT NULL,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX accessibility_reports_created ON accessibility_reports(created_at);
