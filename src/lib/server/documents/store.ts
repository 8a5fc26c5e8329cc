/** SQLite persistence of Yjs documents: base state + append-only update log. */
import { db } from '../db/index.js';

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

// The append runs on every flush, between receiving an update and broadcasting it: prepared once
// per database handle.
const appendStatements = new WeakMap<object, import('better-sqlite3').Statement>();

export function appendUpdate(documentId: string, update: Uint8Array): void {
	const d = db();
	let stmt = appendStatements.get(d);
	if (!stmt) {
		stmt = d.prepare(
			'INSERT INTO document_updates (document_id, data, created_at) VALUES (?, ?, ?)'
		);
		appendStatements.set(d, stmt);
	}
	stmt.run(
		documentId,
		Buffer.from(update.buffer, update.byteOffset, update.byteLength),
		Date.now()
	);
}

export function touch(documentId: string): void {
	db()
		.prepare(`UPDATE documents SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`)
		.run(documentId);
}

/**
 * Replaces the log with one base state. The caller passes the state of the live document, which
 * already contains every logged update (they were applied before being appended).
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

export function logLength(documentId: string): number {
	return (
		db()
			.prepare('SELECT count(*) AS n FROM document_updates WHERE document_id = ?')
			.get(documentId) as {
			n: number;
		}
	).n;
}
