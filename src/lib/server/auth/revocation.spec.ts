// Ending a session ends its live channels: at once for logout and password change, and when its
// own expiry comes for a channel that outlives it (a tab left open on a document).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'raccordo-revocation-spec-'));
process.env.DATABASE_PATH = join(dir, 'spec.sqlite');

let auth: typeof import('./session');
let revocation: typeof import('./revocation');
let db: typeof import('../db/index');
let userId: number;

beforeAll(async () => {
	db = await import('../db/index');
	auth = await import('./session');
	revocation = await import('./revocation');
	userId = Number(
		db.db().prepare(`INSERT INTO users (email, name) VALUES ('a@example.it', 'A')`).run()
			.lastInsertRowid
	);
});
afterAll(() => {
	db.closeDb();
	rmSync(dir, { recursive: true, force: true });
});

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('session revocation of live channels', () => {
	it('logout and password change revoke synchronously; the kept session stays', () => {
		const a = auth.createSession(auth.generateToken(), userId);
		const b = auth.createSession(auth.generateToken(), userId);
		const c = auth.createSession(auth.generateToken(), userId);
		const revoked: string[] = [];
		revocation.trackSession(a, () => revoked.push('a'));
		revocation.trackSession(b, () => revoked.push('b'));
		revocation.trackSession(c, () => revoked.push('c'));
		auth.invalidateSession(a.id);
		expect(revoked).toEqual(['a']);
		auth.invalidateUserSessions(userId, c.id);
		expect(revoked).toEqual(['a', 'b']);
	});

	it('a channel ends when its session expires, and not before if the session was extended', async () => {
		const s = auth.createSession(auth.generateToken(), userId);
		const t = auth.createSession(auth.generateToken(), userId);
		const soon = Date.now() + 150;
		db.db().prepare('UPDATE sessions SET expires_at = ? WHERE id = ?').run(soon, s.id);
		const revoked: string[] = [];
		revocation.trackSession({ ...s, expiresAt: soon }, () => revoked.push('expired'));
		// Its own clock says it expires soon, but use elsewhere extended it meanwhile.
		revocation.trackSession({ ...t, expiresAt: soon }, () => revoked.push('extended'));
		await wait(400);
		expect(revoked).toEqual(['expired']);
	});

	it('an untracked channel is not called', () => {
		const s = auth.createSession(auth.generateToken(), userId);
		let called = false;
		const untrack = revocation.trackSession(s, () => (called = true));
		untrack();
		auth.invalidateSession(s.id);
		expect(called).toBe(false);
	});
});
