// The plan's list rules (options) and cross-tavolo sums, in-process on a temporary SQLite file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import type { SessionUser } from '../auth/session';
import { addAction } from '../../plans/model';
import { project } from '../../plans/projection';

const dir = mkdtempSync(join(tmpdir(), 'raccordo-plans-spec-'));
process.env.DATABASE_PATH = join(dir, 'spec.sqlite');

let plans: typeof import('./index');
let closeDb: () => void;
let seg: SessionUser;
let member: SessionUser;
const tavoli: number[] = [];

beforeAll(async () => {
	const dbm = await import('../db/index');
	const { writeProjection } = await import('./projection');
	closeDb = dbm.closeDb;
	const d = dbm.db();
	const ente = Number(
		d.prepare(`INSERT INTO enti (name, kind) VALUES ('Regione', 'regione')`).run().lastInsertRowid
	);
	const user = (email: string): SessionUser => {
		const id = Number(
			d.prepare('INSERT INTO users (email, name) VALUES (?, ?)').run(email, email).lastInsertRowid
		);
		return { id, email, name: email, isAdmin: false, locale: 'it' };
	};
	seg = user('seg@x.it');
	member = user('m@x.it');
	// Two tavoli with a plan each; the member belongs to the first only.
	for (const [slug, region, actions] of [
		[
			'umbria',
			'Umbria',
			[
				{ fondo: 'FAMI', budget: 1000, fine: '2026-06-10' },
				{ fondo: 'REG', budget: 500, fine: '2026-12-31' }
			]
		],
		['sardegna', 'Sardegna', [{ fondo: 'FAMI', budget: 7000, fine: '2026-01-01' }]]
	] as const) {
		const t = Number(
			d.prepare('INSERT INTO tavoli (slug, name, region) VALUES (?, ?, ?)').run(slug, slug, region)
				.lastInsertRowid
		);
		tavoli.push(t);
		d.prepare(
			"INSERT INTO documents (id, tavolo_id, kind, title) VALUES (?, ?, 'piano', 'Piano')"
		).run(`doc-${slug}`, t);
		const planId = Number(
			d
				.prepare('INSERT INTO plans (tavolo_id, document_id, title) VALUES (?, ?, ?)')
				.run(t, `doc-${slug}`, 'Piano').lastInsertRowid
		);
		const doc = new Y.Doc();
		for (const a of actions) addAction(doc, { titolo: `${slug} ${a.fondo}`, ...a });
		writeProjection(d, planId, t, project(doc, { knownEnti: new Set([ente]) }));
		d.prepare(
			'INSERT INTO memberships (tavolo_id, user_id, ente_id, role) VALUES (?, ?, ?, ?)'
		).run(t, seg.id, ente, 'segreteria');
	}
	d.prepare('INSERT INTO memberships (tavolo_id, user_id, ente_id, role) VALUES (?, ?, ?, ?)').run(
		tavoli[0],
		member.id,
		ente,
		'componente'
	);
	plans = await import('./index');
	for (const t of tavoli) plans.seedOptions(t);
});
afterAll(() => {
	closeDb?.();
	rmSync(dir, { recursive: true, force: true });
});

describe('plan options (priority areas, funding lines)', () => {
	it('refuses a duplicate code and a line still used by actions, with the count', () => {
		const dup = (() => {
			try {
				plans.addOption(seg, tavoli[0], { kind: 'fondo', code: 'FAMI', label: 'Doppione' });
			} catch (e) {
				return (e as { fields?: Record<string, string> }).fields;
			}
		})();
		expect(dup).toEqual({ code: 'Questo codice è già in uso' });
		const added = plans.addOption(seg, tavoli[0], { kind: 'fondo', code: 'PNRR', label: 'PNRR' });
		expect(plans.listOptions(member, tavoli[0]).map((o) => o.code)).toContain('PNRR');
		const fami = plans.listOptions(seg, tavoli[0]).find((o) => o.code === 'FAMI')!;
		expect(() => plans.removeOption(seg, tavoli[0], fami.id)).toThrow(/Usata da 1 azione:/);
		plans.removeOption(seg, tavoli[0], added.id);
		expect(plans.listOptions(seg, tavoli[0]).map((o) => o.code)).not.toContain('PNRR');
		// A componente may read the lists but not change them.
		expect(() =>
			plans.addOption(member, tavoli[0], { kind: 'fondo', code: 'X', label: 'Non mio' })
		).toThrow();
	});
});

describe('cross-tavolo figures', () => {
	it('sum only the tavoli the user may read, counting late actions against the given day', () => {
		const mine = plans.crossTavolo(member, '2026-06-11');
		expect(mine.totals).toMatchObject({ tavoli: 1, actions: 2, budget: 1500, overdue: 1 });
		expect(mine.byRegion.map((r) => r.key)).toEqual(['Umbria']);
		const both = plans.crossTavolo(seg, '2026-06-11');
		expect(both.totals).toMatchObject({ tavoli: 2, actions: 3, budget: 8500, overdue: 2 });
		const fami = both.byFund.find((r) => r.key === 'FAMI')!;
		expect(fami).toMatchObject({ actions: 2, budget: 8000, tavoli: 2 });
		expect(fami.label).toBe('FAMI – Fondo Asilo, Migrazione e Integrazione');
		expect(fami.perTavolo?.map((p) => [p.slug, p.budget])).toEqual([
			['sardegna', 7000],
			['umbria', 1000]
		]);
		// The day before, the Umbria action ending on 10 June is not late yet.
		expect(plans.crossTavolo(member, '2026-06-10').totals.overdue).toBe(0);
	});
});
