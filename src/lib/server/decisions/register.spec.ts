// The rules of the register, in-process on a temporary SQLite file: numbering ("7/2026", per
// tavolo and Rome year), the hash chain (link and verify), visibility filtering (lists, linked
// decisions, tavoli no longer public) and the register's cache version.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionUser } from '../auth/session';

const dir = mkdtempSync(join(tmpdir(), 'raccordo-decisions-spec-'));
process.env.DATABASE_PATH = join(dir, 'spec.sqlite');

let dec: typeof import('./index');
let reg: typeof import('./register');
let verify: typeof import('./verify');
let version: typeof import('./version');
let d: import('../db/index').DB;
let closeDb: () => void;
const users: Record<string, SessionUser> = {};
let tavoloA: number;
let tavoloB: number;

const draft = (over: Record<string, string> = {}) => ({
	title: 'Decisione di prova',
	body: 'Il tavolo decide quanto riportato nel testo di prova.',
	type: 'parere',
	outcome: 'approvata',
	voting: 'consenso',
	visibility: 'pubblica',
	decidedOn: '2026-03-20',
	...over
});

beforeAll(async () => {
	const dbm = await import('../db/index');
	closeDb = dbm.closeDb;
	d = dbm.db();
	const tavolo = (slug: string) =>
		Number(
			d.prepare(`INSERT INTO tavoli (slug, name, is_public) VALUES (?, ?, 1)`).run(slug, slug)
				.lastInsertRowid
		);
	tavoloA = tavolo('a');
	tavoloB = tavolo('b');
	const ente = Number(
		d.prepare(`INSERT INTO enti (name, kind) VALUES ('Ente', 'regione')`).run().lastInsertRowid
	);
	const user = (email: string, role: string | null): SessionUser => {
		const id = Number(
			d.prepare('INSERT INTO users (email, name) VALUES (?, ?)').run(email, email).lastInsertRowid
		);
		if (role)
			for (const t of [tavoloA, tavoloB])
				d.prepare(
					'INSERT INTO memberships (tavolo_id, user_id, ente_id, role) VALUES (?, ?, ?, ?)'
				).run(t, id, ente, role);
		return { id, email, name: email, isAdmin: false, locale: 'it' };
	};
	users.segreteria = user('seg@x.it', 'segreteria');
	users.componente = user('comp@x.it', 'componente');
	users.osservatore = user('obs@x.it', 'osservatore');
	users.outsider = user('out@x.it', null);
	dec = await import('./index');
	reg = await import('./register');
	verify = await import('./verify');
	version = await import('./version');
});
afterAll(() => {
	closeDb?.();
	rmSync(dir, { recursive: true, force: true });
});

const publishAt = (tavoloId: number, iso: string, over: Record<string, string> = {}) => {
	const id = dec.recordDraft(users.segreteria, tavoloId, draft(over));
	return { id, ...reg.publishInternal(id, users.segreteria.id, new Date(iso)) };
};

describe('numbering', () => {
	it('counts in Rome’s year: 23:30 UTC on 31 December is already the new year', () => {
		expect(reg.romeYear(new Date('2026-12-31T22:59:00Z'))).toBe(2026);
		expect(reg.romeYear(new Date('2026-12-31T23:30:00Z'))).toBe(2027);
		expect(reg.nextNumber(null)).toBe(1);
		expect(reg.nextNumber(6)).toBe(7);
	});

	it('gives "n/yyyy" progressive per tavolo and per year, each tavolo from 1', () => {
		const a1 = publishAt(tavoloA, '2026-03-01T10:00:00Z');
		const a2 = publishAt(tavoloA, '2026-03-02T10:00:00Z', { visibility: 'riservata' });
		const b1 = publishAt(tavoloB, '2026-03-02T11:00:00Z');
		const a3 = publishAt(tavoloA, '2026-12-31T23:30:00Z');
		expect([a1, a2, b1, a3].map((x) => `${x.number}/${x.year}`)).toEqual([
			'1/2026',
			'2/2026',
			'1/2026',
			'1/2027'
		]);
		expect(dec.getDecision(users.segreteria, a2.id).ref).toBe('2/2026');
	});

	it('refuses to publish twice and keeps the number', () => {
		const a = publishAt(tavoloB, '2026-04-01T10:00:00Z');
		expect(() => reg.publishInternal(a.id, null)).toThrow(/già pubblicata con il numero 2\/2026/);
	});
});

describe('hash chain', () => {
	it('links each decision to the previous one of its tavolo and visibility', () => {
		expect(reg.chainLink(undefined)).toEqual({ seq: 1, prevHash: null });
		expect(reg.chainLink({ seq: 4, hash: 'h4' })).toEqual({ seq: 5, prevHash: 'h4' });
		const rows = d
			.prepare(
				"SELECT visibility, chain_seq AS seq, prev_hash AS prevHash, hash FROM decisions WHERE tavolo_id = ? AND status = 'pubblicata' ORDER BY visibility, chain_seq"
			)
			.all(tavoloA) as { visibility: string; seq: number; prevHash: string | null; hash: string }[];
		const pub = rows.filter((r) => r.visibility === 'pubblica');
		expect(pub.map((r) => r.seq)).toEqual([1, 2]);
		expect(pub[0].prevHash).toBeNull();
		expect(pub[1].prevHash).toBe(pub[0].hash);
		expect(rows.find((r) => r.visibility === 'riservata')).toMatchObject({
			seq: 1,
			prevHash: null
		});
		expect(verify.verifyChains()).toMatchObject({ ok: true, broken: [] });
	});

	it('names the broken link: a missing ring, a wrong previous hash, altered content', () => {
		const same = () => 'h2';
		expect(
			verify.brokenLink({ seq: 1, hash: 'h1' }, { seq: 3, prevHash: 'h1', hash: 'h2' }, same)
		).toMatch(/manca un anello/);
		expect(
			verify.brokenLink({ seq: 1, hash: 'h1' }, { seq: 2, prevHash: 'hx', hash: 'h2' }, same)
		).toMatch(/hash precedente/);
		expect(
			verify.brokenLink({ seq: 1, hash: 'h1' }, { seq: 2, prevHash: 'h1', hash: 'h2' }, () => 'hy')
		).toMatch(/alterata/);
		expect(
			verify.brokenLink({ seq: 1, hash: 'h1' }, { seq: 2, prevHash: 'h1', hash: 'h2' }, same)
		).toBeNull();
	});

	it('verify finds a decision altered behind the app’s back', () => {
		const x = publishAt(tavoloB, '2026-05-01T10:00:00Z', { title: 'Da alterare' });
		d.exec('DROP TRIGGER decisions_published_no_update');
		try {
			d.prepare('UPDATE decisions SET title = ? WHERE id = ?').run('Alterata', x.id);
			const r = verify.verifyChains();
			expect(r.ok).toBe(false);
			expect(r.broken[0]).toMatchObject({
				decisionId: x.id,
				reason: expect.stringMatching(/alterata/)
			});
		} finally {
			d.prepare('UPDATE decisions SET title = ? WHERE id = ?').run('Da alterare', x.id);
			d.exec(`CREATE TRIGGER decisions_published_no_update BEFORE UPDATE ON decisions
				WHEN OLD.status = 'pubblicata'
				BEGIN SELECT RAISE(ABORT, 'Decisione pubblicata: non modificabile'); END;`);
		}
		expect(verify.verifyChains().ok).toBe(true);
	});
});

describe('visibility', () => {
	const READS: Record<string, string[]> = {
		segreteria: ['riservata', 'membri', 'osservatori', 'pubblica'],
		componente: ['membri', 'osservatori', 'pubblica'],
		osservatore: ['osservatori', 'pubblica'],
		outsider: ['pubblica']
	};
	const made: Record<string, number> = {};
	beforeAll(() => {
		for (const v of ['riservata', 'membri', 'osservatori', 'pubblica'])
			made[v] = publishAt(tavoloB, '2026-06-01T10:00:00Z', { visibility: v, title: `vis ${v}` }).id;
		made.draft = dec.recordDraft(users.segreteria, tavoloB, draft({ title: 'vis bozza' }));
	});

	for (const [who, readable] of Object.entries(READS))
		it(`${who}: lists and opens exactly what the role may read`, () => {
			const u = users[who];
			const titles = dec.listForTavolo(u, tavoloB, { q: 'vis ' }).map((x) => x.title);
			const expected = readable.map((v) => `vis ${v}`);
			if (who === 'segreteria') expected.push('vis bozza');
			expect(titles.sort()).toEqual(expected.sort());
			for (const [v, id] of Object.entries(made)) {
				const ok = v === 'draft' ? who === 'segreteria' : readable.includes(v);
				if (ok) expect(dec.open(u, id).row.id).toBe(id);
				else expect(() => dec.open(u, id), `${who} ${v}`).toThrow('Decisione non trovata');
			}
		});

	it('a linked decision is shown only when readable in its own right', () => {
		const fix = dec.recordDraft(
			users.segreteria,
			tavoloB,
			draft({ title: 'Rettifica pubblica', rettificaOf: String(made.riservata) })
		);
		reg.publishInternal(fix, null);
		const reservedFix = dec.recordDraft(
			users.segreteria,
			tavoloB,
			draft({ visibility: 'riservata', rettificaOf: String(made.pubblica) })
		);
		reg.publishInternal(reservedFix, null);
		expect(dec.getDecision(users.outsider, fix).rettificaOf).toBeNull();
		expect(dec.getDecision(users.outsider, made.pubblica).rettificataDa).toEqual([]);
		expect(dec.getDecision(users.segreteria, fix).rettificaOf?.id).toBe(made.riservata);
		expect(dec.getDecision(users.segreteria, made.pubblica).rettificataDa.map((r) => r.id)).toEqual(
			[reservedFix]
		);
	});

	it('a tavolo no longer public hides even its `pubblica` decisions from outsiders', () => {
		d.prepare('UPDATE tavoli SET is_public = 0 WHERE id = ?').run(tavoloB);
		try {
			expect(() => dec.open(users.outsider, made.pubblica)).toThrow('Decisione non trovata');
			expect(dec.open(users.osservatore, made.pubblica).row.id).toBe(made.pubblica);
		} finally {
			d.prepare('UPDATE tavoli SET is_public = 1 WHERE id = ?').run(tavoloB);
		}
	});
});

describe('register cache version', () => {
	it('stays put on writes outside the register, moves on a publication and an albo reference', () => {
		const v0 = version.registerVersion();
		// A session refresh, a keystroke in a document, a notification, a draft decision.
		d.prepare(
			'INSERT INTO sessions (id, user_id, created_at, expires_at, absolute_expires_at) VALUES (?, ?, 0, 1, 1)'
		).run('s1', users.componente.id);
		d.prepare('UPDATE sessions SET expires_at = 2 WHERE id = ?').run('s1');
		d.prepare(
			"INSERT INTO documents (id, tavolo_id, kind, title) VALUES ('doc1', ?, 'nota', 'N')"
		).run(tavoloA);
		d.prepare(
			"INSERT INTO document_updates (document_id, data, created_at) VALUES ('doc1', x'00', 0)"
		).run();
		const id = dec.recordDraft(users.segreteria, tavoloA, draft({ title: 'Cache' }));
		dec.editDraft(users.segreteria, id, draft({ title: 'Cache modificata' }));
		expect(version.registerVersion()).toBe(v0);
		reg.publishInternal(id, null);
		const v1 = version.registerVersion();
		expect(v1).not.toBe(v0);
		dec.setAlbo(users.segreteria, id, {
			alboEnte: 'Regione',
			alboNumber: '12',
			alboDate: '2026-03-21',
			alboUrl: 'https://albo.example.it/12'
		});
		expect(version.registerVersion()).not.toBe(v1);
	});
});

describe('open once', () => {
	it('a publication through the opened decision reads the decision row once, at opening', async () => {
		const id = dec.recordDraft(users.segreteria, tavoloA, draft({ title: 'Letta una volta' }));
		const spy = vi.spyOn(d, 'prepare');
		try {
			const opened = dec.open(users.segreteria, id);
			await dec.publish(users.segreteria, opened);
			const reads = spy.mock.calls.filter(([sql]) =>
				/FROM decisions d JOIN tavoli t ON t.id = d.tavolo_id WHERE d.id = \?/.test(String(sql))
			);
			expect(reads).toHaveLength(1);
		} finally {
			spy.mockRestore();
		}
		expect(dec.getDecision(users.segreteria, id).status).toBe('pubblicata');
	});

	it('a draft changed between opening and publishing is not published with stale content', async () => {
		const id = dec.recordDraft(users.segreteria, tavoloA, draft({ title: 'Prima versione' }));
		const opened = dec.open(users.segreteria, id);
		await new Promise((r) => setTimeout(r, 5));
		dec.editDraft(users.segreteria, id, draft({ title: 'Seconda versione' }));
		await expect(dec.publish(users.segreteria, opened)).rejects.toThrow(/modificata mentre/);
		expect(dec.getDecision(users.segreteria, id).status).toBe('bozza');
		await dec.publish(users.segreteria, id);
		expect(dec.getDecision(users.segreteria, id).title).toBe('Seconda versione');
		expect(verify.verifyChains().ok).toBe(true);
	});
});
