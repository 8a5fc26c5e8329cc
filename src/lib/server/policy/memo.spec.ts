// Memberships memoised per read-only request (hooks.server.ts wraps GET/HEAD in withMembershipMemo).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionUser } from '../auth/session';

const dir = mkdtempSync(join(tmpdir(), 'raccordo-policy-spec-'));
process.env.DATABASE_PATH = join(dir, 'spec.sqlite');

let policy: typeof import('./index');
let dbm: typeof import('../db/index');
let user: SessionUser;
let tavoloId: number;

beforeAll(async () => {
	dbm = await import('../db/index');
	const d = dbm.db();
	tavoloId = Number(
		d.prepare(`INSERT INTO tavoli (slug, name) VALUES ('t', 'Tavolo')`).run().lastInsertRowid
	);
	const ente = Number(
		d.prepare(`INSERT INTO enti (name, kind) VALUES ('Ente', 'regione')`).run().lastInsertRowid
	);
	const id = Number(
		d.prepare(`INSERT INTO users (email, name) VALUES ('c@x.it', 'C')`).run().lastInsertRowid
	);
	d.prepare('INSERT INTO memberships (tavolo_id, user_id, ente_id, role) VALUES (?, ?, ?, ?)').run(
		tavoloId,
		id,
		ente,
		'componente'
	);
	user = { id, email: 'c@x.it', name: 'C', isAdmin: false, locale: 'it' };
	policy = await import('./index');
});
afterAll(() => {
	dbm.closeDb();
	rmSync(dir, { recursive: true, force: true });
});

describe('membership memo', () => {
	it('asks SQLite once per request for the same user and tavolo, every time outside one', () => {
		const prepare = vi.spyOn(dbm.db(), 'prepare');
		const checks = () => {
			for (let i = 0; i < 6; i++) {
				expect(policy.can(user, 'tavolo.read', { tavoloId })).toBe(true);
				policy.assertCan(user, 'document.write', { tavoloId });
			}
		};
		policy.withMembershipMemo(checks);
		expect(prepare).toHaveBeenCalledTimes(1);
		prepare.mockClear();
		checks();
		expect(prepare).toHaveBeenCalledTimes(12);
		prepare.mockRestore();
	});

	it('keeps requests apart: a later request sees a membership removed meanwhile', async () => {
		await policy.withMembershipMemo(async () => {
			expect(policy.can(user, 'tavolo.read', { tavoloId })).toBe(true);
			await new Promise((r) => setTimeout(r, 1));
			expect(policy.can(user, 'tavolo.read', { tavoloId })).toBe(true);
		});
		dbm.db().prepare('DELETE FROM memberships WHERE user_id = ?').run(user.id);
		await policy.withMembershipMemo(async () => {
			expect(policy.can(user, 'tavolo.read', { tavoloId })).toBe(false);
		});
	});
});
