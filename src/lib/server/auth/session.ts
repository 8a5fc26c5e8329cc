import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { getRandomValues } from 'node:crypto';
import { db } from '../db/index.js';
import { revokeSessions } from './revocation.js';

// Sliding inactivity window plus a hard cap: a stolen cookie stops working within a day of
// disuse and never outlives 30 days, whatever its use.
export const INACTIVITY_MS = 1000 * 60 * 60 * 24;
export const ABSOLUTE_MS = 1000 * 60 * 60 * 24 * 30;
// Refresh expires_at at most this often, so reads do not turn every request into a write.
const REFRESH_MS = 1000 * 60 * 5;

export interface SessionUser {
	id: number;
	email: string;
	name: string;
	isAdmin: boolean;
	locale: 'it' | 'en';
}

export interface Session {
	id: string;
	userId: number;
	expiresAt: number;
	absoluteExpiresAt: number;
}

export function generateToken(): string {
	const bytes = new Uint8Array(20);
	getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export function createSession(token: string, userId: number): Session {
	const t = Date.now();
	const session: Session = {
		id: hashToken(token),
		userId,
		expiresAt: t + INACTIVITY_MS,
		absoluteExpiresAt: t + ABSOLUTE_MS
	};
	db()
		.prepare(
			'INSERT INTO sessions (id, user_id, created_at, expires_at, absolute_expires_at) VALUES (?, ?, ?, ?, ?)'
		)
		.run(session.id, userId, t, session.expiresAt, session.absoluteExpiresAt);
	return session;
}

export function validateSessionToken(
	token: string | undefined | null
): { session: Session; user: SessionUser } | null {
	// A malformed cookie is simply "signed out": never an error page.
	if (!token || !/^[a-z2-7]{32}$/.test(token)) return null;
	const id = hashToken(token);
	const row = db()
		.prepare(
			`SELECT s.id, s.user_id, s.expires_at, s.absolute_expires_at,
			        u.email, u.name, u.is_admin, u.locale
			 FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`
		)
		.get(id) as
		| {
				id: string;
				user_id: number;
				expires_at: number;
				absolute_expires_at: number;
				email: string;
				name: string;
				is_admin: number;
				locale: 'it' | 'en';
		  }
		| undefined;
	if (!row) return null;
	const t = Date.now();
	if (t >= row.expires_at || t >= row.absolute_expires_at) {
		db().prepare('DELETE FROM sessions WHERE id = ?').run(id);
		revokeSessions([id]);
		return null;
	}
	let expiresAt = row.expires_at;
	if (expiresAt - t < INACTIVITY_MS - REFRESH_MS) {
		expiresAt = Math.min(t + INACTIVITY_MS, row.absolute_expires_at);
		db().prepare('UPDATE sessions SET expires_at = ? WHERE id = ?').run(expiresAt, id);
	}
	return {
		session: { id, userId: row.user_id, expiresAt, absoluteExpiresAt: row.absolute_expires_at },
		user: {
			id: row.user_id,
			email: row.email,
			name: row.name,
			isAdmin: row.is_admin === 1,
			locale: row.locale
		}
	};
}

// Each way a session ends also ends its live channels (Yjs, socket.io) at once: see revocation.ts.

export function invalidateSession(sessionId: string): void {
	db().prepare('DELETE FROM sessions WHERE id = ?').run(sessionId);
	revokeSessions([sessionId]);
}

/** Password change keeps the session that made it; every other one goes. */
export function invalidateUserSessions(userId: number, exceptSessionId?: string): void {
	const ended = db()
		.prepare('DELETE FROM sessions WHERE user_id = ? AND id IS NOT ? RETURNING id')
		.pluck()
		.all(userId, exceptSessionId ?? null) as string[];
	revokeSessions(ended);
}

export function purgeExpiredSessions(): number {
	const t = Date.now();
	const ended = db()
		.prepare('DELETE FROM sessions WHERE expires_at <= ? OR absolute_expires_at <= ? RETURNING id')
		.pluck()
		.all(t, t) as string[];
	revokeSessions(ended);
	return ended.length;
}
