import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { migrate } from '../server/db/index.js';
import { readProjection, writeProjection, refreshFromDoc } from '../server/plans/projection.js';
import {
	addAction,
	addIndicator,
	addProroga,
	azioni,
	parseNumber,
	removeAction,
	removeIndicator,
	setField,
	setIndicatorField,
	setPartners,
	STATI
} from './model.js';
import { figures, isOverdue, project, todayIso } from './projection.js';

const known = new Set([1, 2, 3, 4, 5]);
const ctx = { knownEnti: known };

function memoryDb() {
	const handle = new Database(':memory:');
	migrate(handle, join(process.cwd(), 'migrations'));
	handle.prepare("INSERT INTO tavoli (id, slug, name) VALUES (1, 't', 'T')").run();
	handle
		.prepare(
			"INSERT INTO documents (id, tavolo_id, kind, title) VALUES ('doc-1', 1, 'piano', 'Piano')"
		)
		.run();
	handle
		.prepare(
			"INSERT INTO plans (id, tavolo_id, document_id, title) VALUES (1, 1, 'doc-1', 'Piano')"
		)
		.run();
	for (const id of known)
		handle
			.prepare("INSERT INTO enti (id, name, kind) VALUES (?, ?, 'altro')")
			.run(id, `Ente ${id}`);
	return handle;
}

/** A small seeded PRNG, so a failing sequence can be replayed. */
function rng(seed: number) {
	let s = seed >>> 0;
	return () => {
		s = (s * 1664525 + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}

function randomEdit(doc: Y.Doc, r: () => number): void {
	const ids = [...azioni(doc).keys()];
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
	const op = r();
	const id = ids.length ? pick(ids) : null;
	const values: (string | number | null)[] = [
		'',
		'abc',
		12.5,
		-40,
		1000,
		null,
		'2025-03-01',
		'2024-12-31',
		'31/12/2025'
	];
	if (!id || op < 0.15)
		addAction(doc, { titolo: `Azione ${Math.floor(r() * 1000)}`, budget: pick(values) as number });
	else if (op < 0.2) removeAction(doc, id);
	else if (op < 0.5) {
		const field = pick([
			'titolo',
			'descrizione',
			'fondo',
			'priorita',
			'inizio',
			'fine',
			'budget',
			'codice'
		] as const);
		setField(doc, id, field, pick(values));
	} else if (op < 0.58) setField(doc, id, 'stato', pick([...STATI, 'boh']));
	else if (op < 0.64) setField(doc, id, 'capofila', pick([1, 2, 9, null]));
	else if (op < 0.72) setPartners(doc, id, [pick([1, 2, 3, 7]), pick([4, 5, 8])]);
	else if (op < 0.82)
		addIndicator(doc, id, {
			nome: 'Persone',
			unita: 'n.',
			baseline: pick(values),
			target: pick(values),
			valore: pick(values)
		});
	else if (op < 0.9) {
		const ind = (azioni(doc).get(id)!.get('indicatori') as Y.Array<Y.Map<unknown>>).toArray();
		if (ind.length) {
			const iid = String(pick(ind).get('id'));
			if (r() < 0.3) removeIndicator(doc, id, iid);
			else
				setIndicatorField(
					doc,
					id,
					iid,
					pick(['valore', 'target', 'baseline', 'nome'] as const),
					pick(values)
				);
		}
	} else
		addProroga(doc, id, {
			fine: '2026-06-30',
			motivo: 'Ritardi nell’avvio',
			da: 'Segreteria',
			il: `2026-01-0${1 + Math.floor(r() * 9)}T10:00:00Z`
		});
}

/** The document as plain data, independent of the projection code, to compare against. */
function docAsData(doc: Y.Doc) {
	const out: Record<
		string,
		{
			titolo: string;
			partner: number[];
			indicatori: number;
			proroghe: number;
			budget: unknown;
			fine: string;
		}
	> = {};
	for (const [id, a] of azioni(doc).entries()) {
		const j = a.toJSON();
		out[id] = {
			titolo: String(j.titolo ?? '').trim(),
			partner: j.partner ?? [],
			indicatori: (j.indicatori ?? []).length,
			proroghe: (j.proroghe ?? []).length,
			budget: j.budget ?? null,
			fine: String(j.fine ?? '').trim()
		};
	}
	return out;
}

describe('plan projection', () => {
	it(
		'equals the document after random concurrent edit sequences, and is rebuilt identically from the document alone',
		{ timeout: 60_000 },
		() => {
			const handle = memoryDb();
			for (let seed = 1; seed <= 25; seed++) {
				const r = rng(seed);
				const a = new Y.Doc();
				const b = new Y.Doc();
				for (let step = 0; step < 60; step++) {
					randomEdit(r() < 0.5 ? a : b, r);
					if (r() < 0.3) {
						// Exchange updates both ways, like two clients through the server.
						Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
						Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
					}
					if (step % 7 === 0) {
						// Incremental refreshes along the way (only changed actions rewritten) stay exact.
						refreshFromDoc(handle, 1, 1, a, ctx);
						expect(readProjection(handle, [1]).get(1)).toEqual(project(a, ctx));
					}
				}
				Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
				Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
				refreshFromDoc(handle, 1, 1, a, ctx);
				const stored = readProjection(handle, [1]).get(1)!;
				// SQL holds exactly what the projection of the document says…
				expect(stored).toEqual(project(a, ctx));
				// …which is the document: same actions, same fields.
				const data = docAsData(a);
				expect(Object.keys(data).sort()).toEqual(stored.map((s) => s.id).sort());
				for (const s of stored) {
					const d = data[s.id];
					expect(s.titolo).toBe(d.titolo);
					expect(s.partner).toEqual(d.partner);
					expect(s.indicatori.length).toBe(d.indicatori);
					expect(s.proroghe.length).toBe(d.proroghe);
					expect(s.fine).toBe(d.fine);
					if (typeof d.budget === 'number' && d.budget >= 0) expect(s.budget).toBe(d.budget);
					else expect(s.budget).toBeNull();
				}
				// Both replicas project identically (they converged).
				expect(project(b, ctx)).toEqual(project(a, ctx));
				// Rebuilt from the encoded document alone, into an emptied projection: identical rows.
				for (const t of [
					'plan_actions',
					'plan_action_partners',
					'plan_indicators',
					'plan_proroghe'
				])
					handle.prepare(`DELETE FROM ${t}`).run();
				const fresh = new Y.Doc();
				Y.applyUpdate(fresh, Y.encodeStateAsUpdate(a));
				refreshFromDoc(handle, 1, 1, fresh, ctx, { full: true });
				expect(readProjection(handle, [1]).get(1)).toEqual(stored);
			}
		}
	);

	it('flags bad values in place, keeps them in the document and leaves them out of totals', () => {
		const doc = new Y.Doc();
		const ok = addAction(doc, {
			titolo: 'Sportelli',
			budget: 1000,
			fondo: 'FAMI',
			inizio: '2025-01-01',
			fine: '2025-12-31',
			capofila: 1
		});
		const bad = addAction(doc, {
			titolo: 'Mediazione',
			budget: -50,
			fondo: 'FAMI',
			inizio: '2025-06-01',
			fine: '2025-02-01',
			capofila: 99
		});
		const text = addAction(doc, { titolo: 'Formazione', budget: 'mille euro', fondo: 'FSE' });
		addIndicator(doc, ok, {
			nome: 'Operatori formati',
			unita: 'n.',
			baseline: 0,
			target: 40,
			valore: 10
		});
		addIndicator(doc, text, { nome: 'Scuole', baseline: 0, target: 'dieci', valore: 2 });
		setPartners(doc, ok, [2, 42]);
		const rows = project(doc, ctx);
		const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
		expect(byId[bad].issues.map((i) => i.field).sort()).toEqual(['budget', 'capofila', 'fine']);
		expect(byId[bad].issues.find((i) => i.field === 'fine')!.message).toMatch(/precede/);
		expect(byId[bad].issues.find((i) => i.field === 'budget')!.message).toMatch(/negativo.*esclus/);
		expect(byId[text].issues.find((i) => i.field === 'budget')!.message).toMatch(
			/«mille euro» non numerico/
		);
		expect(byId[ok].issues.map((i) => i.message)).toEqual(['Un ente partner è sconosciuto']);
		// Still in the document, as typed.
		expect(azioni(doc).get(text)!.get('budget')).toBe('mille euro');
		expect(azioni(doc).get(bad)!.get('budget')).toBe(-50);
		const f = figures(rows, '2026-01-01');
		expect(f.budgetTotal).toBe(1000);
		expect(f.excludedFromTotals).toBe(2);
		expect(f.budgetByFund).toEqual([{ fondo: 'FAMI', amount: 1000, actions: 1 }]);
		expect(f.indicators.map((i) => i.indicator.progress)).toEqual([0.25]);
		expect(f.excludedIndicators).toBe(1);
		// Past its end and not completed: late; completing it clears that.
		expect(f.overdue.map((r) => r.id).sort()).toEqual([ok, bad].sort());
		setField(doc, ok, 'stato', 'completata');
		expect(
			isOverdue(
				project(doc, ctx).find((r) => r.id === ok)!,
				'2026-01-01'
			)
		).toBe(false);
	});

	it('parses amounts as people type them in Italian', () => {
		expect(parseNumber('12.500,50')).toBe(12500.5);
		expect(parseNumber('1500')).toBe(1500);
		expect(parseNumber('1500,5')).toBe(1500.5);
		expect(parseNumber('€ 2.000')).toBe(2000);
		expect(parseNumber('-3')).toBe(-3);
		expect(parseNumber('')).toBeNull();
		expect(parseNumber('circa mille')).toBe('circa mille');
	});

	it('keeps both changes when two people edit different fields of one action, and converges on the same field', () => {
		const a = new Y.Doc();
		const id = addAction(a, { titolo: 'Rete territoriale' });
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		setField(a, id, 'budget', 5000);
		setField(b, id, 'fine', '2026-12-31');
		setField(a, id, 'titolo', 'Titolo A');
		setField(b, id, 'titolo', 'Titolo B');
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		const ra = project(a, ctx)[0];
		expect(ra.budget).toBe(5000);
		expect(ra.fine).toBe('2026-12-31');
		expect(ra.titolo).toBe(project(b, ctx)[0].titolo);
		writeProjection(memoryDb(), 1, 1, [ra]);
	});
});

describe('today, as the plan counts it', () => {
	it('is Rome’s date, so an action ending yesterday is late from midnight in Rome', () => {
		// 23:30 UTC on 10 June is 01:30 on 11 June in Rome (CEST): the 10th is already past.
		const night = new Date('2026-06-10T23:30:00Z');
		expect(todayIso(night)).toBe('2026-06-11');
		const endsOnTenth = { fine: '2026-06-10', stato: 'in_corso' as const };
		expect(isOverdue(endsOnTenth, todayIso(night))).toBe(true);
		const doc = new Y.Doc();
		addAction(doc, { titolo: 'Scade il 10', fine: '2026-06-10' });
		expect(figures(project(doc, ctx), todayIso(night)).byStatus.in_ritardo).toBe(1);
		// In winter (CET, +1) the change of day is at 23:00 UTC; before it, still the same day.
		expect(todayIso(new Date('2026-01-15T22:59:00Z'))).toBe('2026-01-15');
		expect(todayIso(new Date('2026-01-15T23:00:00Z'))).toBe('2026-01-16');
	});
});
