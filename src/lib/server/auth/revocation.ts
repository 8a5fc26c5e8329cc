/**
 * The live channels (Yjs connections, socket.io sockets) opened under each session, so that the end
 * of a session ends them at once: logout, a password change (which ends the other sessions) and
 * expiry. Without this a channel only noticed on its next heartbeat (30 s), or, for socket.io,
 * never: its sockets kept receiving notification titles after the person signed out.
 *
 * Sessions are keyed by their stored id (the SHA-256 of the token). No imports from the channels:
 * the auth module calls revokeSessions() and each channel registers itself.
 */
import { db } from '../db/index.js';

/** Called synchronously: the channel must stop acting on the client's frames before it returns. */
export type Revoke = () => void;

interface Entry {
	channels: Set<Revoke>;
	timer: ReturnType<typeof setTimeout> | null;
}

const KEY = Symbol.for('raccordo.sessionChannels');
type G = typeof globalThis & { [KEY]?: Map<string, Entry> };

function registry(): Map<string, Entry> {
	return ((globalThis as G)[KEY] ??= new Map());
}

// Expiry is checked when the session's own clock says it may have expired; the inactivity window
// slides with use elsewhere, so the timer re-reads the row and waits again if it was extended.
const MAX_WAIT_MS = 6 * 60 * 60 * 1000;

function scheduleExpiry(id: string, entry: Entry, expiresAt: number): void {
	if (entry.timer) clearTimeout(entry.timer);
	const wait = Math.min(Math.max(expiresAt - Date.now(), 0) + 50, MAX_WAIT_MS);
	entry.timer = setTimeout(() => {
		entry.timer = null;
		let row: { expiresAt: number; absoluteExpiresAt: number } | undefined;
		try {
			row = db()
				.prepare(
					'SELECT expires_at AS expiresAt, absolute_expires_at AS absoluteExpiresAt FROM sessions WHERE id = ?'
				)
				.get(id) as typeof row;
		} catch {
			// The database is busy or down: look again shortly rather than cut people off.
			return scheduleExpiry(id, entry, Date.now() + 60_000);
		}
		const next = row ? Math.min(row.expiresAt, row.absoluteExpiresAt) : 0;
		if (next <= Date.now()) revokeSessions([id]);
		else if (registry().get(id) === entry) scheduleExpiry(id, entry, next);
	}, wait);
	entry.timer.unref?.();
}

/**
 * Registers a live channel of a session; returns the function that unregisters it (call it when
 * the channel closes by itself).
 */
export function trackSession(
	session: { id: string; expiresAt: number; absoluteExpiresAt: number },
	revoke: Revoke
): () => void {
	const map = registry();
	let entry = map.get(session.id);
	if (!entry) {
		entry = { channels: new Set(), timer: null };
		map.set(session.id, entry);
		scheduleExpiry(session.id, entry, Math.min(session.expiresAt, session.absoluteExpiresAt));
	}
	entry.channels.add(revoke);
	const e = entry;
	return () => {
		e.channels.delete(revoke);
		if (!e.channels.size && map.get(session.id) === e) {
			if (e.timer) clearTimeout(e.timer);
			map.delete(session.id);
		}
	};
}

/** The sessions ended: every channel opened under them stops now. */
export function revokeSessions(ids: Iterable<string>): void {
	const map = registry();
	for (const id of ids) {
		const entry = map.get(id);
		if (!entry) continue;
		map.delete(id);
		if (entry.timer) clearTimeout(entry.timer);
		for (const revoke of entry.channels) {
			try {
				revoke();
			} catch (e) {
				console.error('[raccordo] closing a revoked channel failed:', e);
			}
		}
	}
}

/** socket.io: a socket of an ended session is disconnected, leaving every room at once. */
export function trackSocket(
	socket: {
		disconnect(close: boolean): unknown;
		once(event: 'disconnect', fn: () => void): unknown;
	},
	session: { id: string; expiresAt: number; absoluteExpiresAt: number }
): void {
	const untrack = trackSession(session, () => socket.disconnect(true));
	socket.once('disconnect', untrack);
}
