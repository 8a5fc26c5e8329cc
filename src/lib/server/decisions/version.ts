/**
 * The public register's version: a counter that SQLite triggers bump on writes to the register's
 * own tables only (migration 007), so a keystroke in a document or a session refresh leaves it
 * alone and cached register pages keep hitting while the server is busy. Being a row, it also
 * moves for writes from another process on the same file. One indexed read per request.
 */
import type { Statement } from 'better-sqlite3';
import { db } from '../db/index.js';

let stmt: { db: ReturnType<typeof db>; get: Statement } | null = null;

export function registerVersion(): string {
	const d = db();
	// Prepared once per handle: this runs on every register request, cached or not.
	if (stmt?.db !== d)
		stmt = { db: d, get: d.prepare('SELECT n FROM register_version WHERE id = 1').pluck() };
	return String(stmt.get.get() ?? 0);
}

// Counts and facets are the expensive part of a page (they touch every public row): remembered
// until the register changes.
let memoVersion = '';
const memoStore = new Map<string, unknown>();
export function memo<T>(key: string, fn: () => T): T {
	const v = registerVersion();
	if (v !== memoVersion) {
		memoVersion = v;
		memoStore.clear();
	}
	if (!memoStore.has(key)) {
		if (memoStore.size > 1000) memoStore.clear();
		memoStore.set(key, fn());
	}
	return memoStore.get(key) as T;
}
