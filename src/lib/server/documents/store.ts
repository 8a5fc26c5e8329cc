/** SQLite persistence of Yjs documents: base state + append-only update log. */
import Database from 'better-sqlite3';
import { db, type DB } from '../db/index.js';
import { LIMITS } from './limits.js';

export function loadStored(documentId: string): { base: Uint8Array | null; updates: Uint8Array[] } {
	const d = db();
	const base = d
		.prepare('SELECT state FROM document_states WHERE document_id = ?')
		.get(documentId) as { state: Buffer } | undefined;
	const rows = d
		.prepare('SELECT data FROM document_updates WHERE document_id = ? ORDER BY id')
		.raw()
		.all(documentId) as [Buffer][];
	return { base: base ? base.state : null, updates: rows.map((r) => r[0]) };
}

/**
 * The live documents write through their own connection to the same file, with a busy timeout of
 * tens of milliseconds instead of the process-wide 5 s: the append runs on the event loop between
 * a keystroke and everyone's screen, and another process holding the write lock must cost a failed
 * attempt (retried later by LiveDoc), not a 5-second freeze of every tavolo. WAL keeps the two
 * connections consistent; both are used from this one thread, so they never wait on each other.
 */
interface Writer {
	conn: DB;
	append: Database.Statement;
	touch: Database.Statement;
	upsertState: Database.Statement;
	clearLog: Database.Statement;
}
const writers = new WeakMap<DB, Writer>();

function writer(): Writer {
	const main = db();
	let w = writers.get(main);
	if (!w) {
		const conn = main.memory ? main : new Database(main.name, { timeout: LIMITS.storeBusyMs });
		if (conn !== main) {
			conn.pragma('foreign_keys = ON');
			conn.pragma('synchronous = NORMAL');
			// Test hook: a disk that fills after this many pages (the tmpfs test is the realistic one).
			const maxPages = Number(process.env.YJS_TEST_MAX_PAGE_COUNT);
			if (maxPages > 0) conn.pragma(`max_page_count = ${maxPages}`);
		}
		w = {
			conn,
			append: conn.prepare(
				'INSERT INTO document_updates (document_id, data, created_at) VALUES (?, ?, ?)'
			),
			touch: conn.prepare(
				`UPDATE documents SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`
			),
			upsertState: conn.prepare(
				`INSERT INTO document_states (document_id, state, updated_at) VALUES (?, ?, ?)
				 ON CONFLICT(document_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`
			),
			clearLog: conn.prepare('DELETE FROM document_updates WHERE document_id = ?')
		};
		writers.set(main, w);
	}
	return w;
}

/**
 * Appends one update to the log. A storage error (lock held elsewhere, disk full, I/O) is returned,
 * not thrown: the caller keeps the update and retries, and the process stays up.
 */
export function appendUpdate(documentId: string, update: Uint8Array): Error | null {
	try {
		writer().append.run(
			documentId,
			Buffer.from(update.buffer, update.byteOffset, update.byteLength),
			Date.now()
		);
		return null;
	} catch (e) {
		return e as Error;
	}
}

/** Best effort: the "last changed" date is not worth an error. */
export function touch(documentId: string): void {
	try {
		writer().touch.run(documentId);
	} catch {
		// Retried with the next touch (every 10 s of editing).
	}
}

/**
 * Replaces the log with one base state, on the process-wide connection, inside the caller's
 * transaction if there is one (creating a document writes its first state this way).
 */
export function compactStored(documentId: string, state: Uint8Array): void {
	const d = db();
	d.transaction(() => {
		d.prepare(
			`INSERT INTO document_states (document_id, state, updated_at) VALUES (?, ?, ?)
			 ON CONFLICT(document_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`
		).run(documentId, Buffer.from(state.buffer, state.byteOffset, state.byteLength), Date.now());
		d.prepare('DELETE FROM document_updates WHERE document_id = ?').run(documentId);
	})();
}

/**
 * compactStored for a live document, through the short-timeout connection. The caller passes the
 * state of the live document, which already contains every logged update (they were applied
 * before being appended). False when storage refused it: the log is then left as it was, which is
 * still a complete record, and compaction is tried again later.
 */
export function compactLive(documentId: string, state: Uint8Array): boolean {
	const w = writer();
	try {
		w.conn.transaction(() => {
			w.upsertState.run(
				documentId,
				Buffer.from(state.buffer, state.byteOffset, state.byteLength),
				Date.now()
			);
			w.clearLog.run(documentId);
		})();
		return true;
	} catch {
		return false;
	}
}

export function logLength(documentId: string): number {
	return (
		db()
			.prepare('SELECT count(*) AS n FROM document_updates WHERE document_id = ?')
			.get(documentId) as {
			n: number;
		}
	).n;
}
