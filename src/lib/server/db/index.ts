import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export type DB = Database.Database;

// Vite (dev SSR) and the custom server can evaluate this module twice; one handle per process
// keeps WAL locking and prepared statements sane.
const KEY = Symbol.for('raccordo.db');
type G = typeof globalThis & { [KEY]?: DB };

export function databasePath(): string {
	return resolve(process.env.DATABASE_PATH || join(process.cwd(), 'data', 'raccordo.sqlite'));
}

export function migrationsDir(): string {
	return resolve(process.env.MIGRATIONS_DIR || join(process.cwd(), 'migrations'));
}

export function open(path = databasePath()): DB {
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	const db = new Database(path);
	db.pragma('journal_mode = WAL');
	db.pragma('foreign_keys = ON');
	db.pragma('busy_timeout = 5000');
	// WAL + NORMAL is durable against process crashes (kill -9); only an OS crash may lose the tail.
	db.pragma('synchronous = NORMAL');
	return db;
}

/** The process-wide handle, opened and migrated on first use. */
export function db(): DB {
	const g = globalThis as G;
	if (!g[KEY]) {
		const handle = open();
		migrate(handle);
		g[KEY] = handle;
	}
	return g[KEY]!;
}

export function closeDb(): void {
	const g = globalThis as G;
	g[KEY]?.close();
	delete g[KEY];
}

/**
 * Applies each numbered `migrations/NNN_name.sql` once, in order, each in its own transaction.
 * Returns the names applied by this call.
 */
export function migrate(handle: DB, dir = migrationsDir()): string[] {
	handle.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
		name TEXT PRIMARY KEY,
		applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
	)`);
	const done = new Set(
		handle
			.prepare('SELECT name FROM schema_migrations')
			.all()
			.map((r) => (r as { name: string }).name)
	);
	const files = readdirSync(dir)
		.filter((f) => /^\d{3,}_[\w-]+\.sql$/.test(f))
		.sort();
	const applied: string[] = [];
	for (const file of files) {
		if (done.has(file)) continue;
		const sql = readFileSync(join(dir, file), 'utf8');
		handle.transaction(() => {
			handle.exec(sql);
			handle.prepare('INSERT INTO schema_migrations (name) VALUES (?)').run(file);
		})();
		applied.push(file);
	}
	return applied;
}

export function now(): string {
	return new Date().toISOString();
}
