/**
 * The azioni of a piano di attività, as they live in the plan's Yjs document (shared by the
 * browser editor and the server projection, so both read the document the same way).
 *
 * Structure (documented in docs/plans.md):
 *   doc.getMap('azioni')            Y.Map<actionId, Y.Map>
 *     <actionId>: Y.Map             one entry per field, so concurrent edits of different fields
 *                                   of one action merge; the same field converges (last writer by
 *                                   Yjs' deterministic order)
 *       titolo, descrizione, codice, fondo, priorita, stato, inizio, fine: string
 *       capofila: number | null     ente id
 *       budget: number | string     a string when what was typed is not a number (kept, flagged)
 *       ordine: number              position in the table
 *       creata: string              ISO timestamp
 *       partner: Y.Array<number>    ente ids
 *       indicatori: Y.Array<Y.Map>  { id, nome, unita, baseline, target, valore } (numbers, or
 *                                   the typed string when not numeric)
 *       proroghe: Y.Array<Y.Map>    { fine, finePrecedente, motivo, da, il }
 */
import * as Y from 'yjs';

export const STATI = ['da_avviare', 'in_corso', 'completata', 'sospesa'] as const;
export type Stato = (typeof STATI)[number];
export const STATO_LABEL: Record<Stato | 'in_ritardo', string> = {
	da_avviare: 'Da avviare',
	in_corso: 'In corso',
	completata: 'Completata',
	sospesa: 'Sospesa',
	in_ritardo: 'In ritardo'
};

export const SCALAR_FIELDS = [
	'titolo',
	'descrizione',
	'codice',
	'fondo',
	'priorita',
	'stato',
	'inizio',
	'fine',
	'capofila',
	'budget',
	'ordine',
	'creata'
] as const;
export type ScalarField = (typeof SCALAR_FIELDS)[number];

export const INDICATOR_FIELDS = ['nome', 'unita', 'baseline', 'target', 'valore'] as const;
export type IndicatorField = (typeof INDICATOR_FIELDS)[number];

export type Scalar = string | number | null;

export interface ActionInput {
	titolo?: string;
	descrizione?: string;
	codice?: string;
	fondo?: string;
	priorita?: string;
	stato?: Stato;
	inizio?: string;
	fine?: string;
	capofila?: number | null;
	budget?: number | string | null;
	partner?: number[];
	indicatori?: {
		nome: string;
		unita?: string;
		baseline?: Scalar;
		target?: Scalar;
		valore?: Scalar;
	}[];
	proroghe?: { fine: string; finePrecedente?: string; motivo: string; da: string; il: string }[];
}

export function azioni(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap('azioni') as Y.Map<Y.Map<unknown>>;
}

export function newId(prefix = 'a'): string {
	const r =
		globalThis.crypto?.randomUUID?.() ??
		Math.random().toString(36).slice(2) + Date.now().toString(36);
	return `${prefix}_${r.replace(/-/g, '').slice(0, 12)}`;
}

function indicatorMap(
	input: NonNullable<ActionInput['indicatori']>[number],
	id = newId('i')
): Y.Map<unknown> {
	const m = new Y.Map<unknown>();
	m.set('id', id);
	m.set('nome', input.nome ?? '');
	m.set('unita', input.unita ?? '');
	m.set('baseline', input.baseline ?? null);
	m.set('target', input.target ?? null);
	m.set('valore', input.valore ?? null);
	return m;
}

function prorogaMap(p: NonNullable<ActionInput['proroghe']>[number]): Y.Map<unknown> {
	const m = new Y.Map<unknown>();
	m.set('fine', p.fine);
	m.set('finePrecedente', p.finePrecedente ?? '');
	m.set('motivo', p.motivo);
	m.set('da', p.da);
	m.set('il', p.il);
	return m;
}

/** Adds an action; returns its id. */
export function addAction(doc: Y.Doc, input: ActionInput = {}, id = newId()): string {
	const map = azioni(doc);
	doc.transact(() => {
		let max = 0;
		for (const a of map.values()) max = Math.max(max, Number(a.get('ordine')) || 0);
		const m = new Y.Map<unknown>();
		map.set(id, m);
		m.set('titolo', input.titolo ?? '');
		m.set('descrizione', input.descrizione ?? '');
		m.set('codice', input.codice ?? '');
		m.set('fondo', input.fondo ?? '');
		m.set('priorita', input.priorita ?? '');
		m.set('stato', input.stato ?? 'da_avviare');
		m.set('inizio', input.inizio ?? '');
		m.set('fine', input.fine ?? '');
		m.set('capofila', input.capofila ?? null);
		m.set('budget', input.budget ?? null);
		m.set('ordine', max + 1);
		m.set('creata', new Date().toISOString());
		const partner = new Y.Array<number>();
		m.set('partner', partner);
		partner.push(input.partner ?? []);
		const ind = new Y.Array<Y.Map<unknown>>();
		m.set('indicatori', ind);
		ind.push((input.indicatori ?? []).map((i) => indicatorMap(i)));
		const pr = new Y.Array<Y.Map<unknown>>();
		m.set('proroghe', pr);
		pr.push((input.proroghe ?? []).map(prorogaMap));
	});
	return id;
}

export function getAction(doc: Y.Doc, id: string): Y.Map<unknown> | undefined {
	return azioni(doc).get(id);
}

/** Sets one field of one action; only that key changes, so other fields edited elsewhere survive. */
export function setField(doc: Y.Doc, id: string, field: ScalarField, value: Scalar): void {
	const a = getAction(doc, id);
	if (!a) return;
	if (a.get(field) === value) return;
	a.set(field, value);
}

export function removeAction(doc: Y.Doc, id: string): void {
	azioni(doc).delete(id);
}

function arr<T>(a: Y.Map<unknown>, key: string): Y.Array<T> {
	let v = a.get(key) as Y.Array<T> | undefined;
	if (!(v instanceof Y.Array)) {
		v = new Y.Array<T>();
		a.set(key, v);
	}
	return v;
}

export function setPartners(doc: Y.Doc, id: string, enteIds: number[]): void {
	const a = getAction(doc, id);
	if (!a) return;
	doc.transact(() => {
		const p = arr<number>(a, 'partner');
		const want = [...new Set(enteIds)];
		// Remove what is no longer wanted, append what is new: concurrent additions both survive.
		for (let i = p.length - 1; i >= 0; i--) if (!want.includes(p.get(i))) p.delete(i, 1);
		const have = p.toArray();
		const add = want.filter((e) => !have.includes(e));
		if (add.length) p.push(add);
	});
}

export function addIndicator(
	doc: Y.Doc,
	id: string,
	input: NonNullable<ActionInput['indicatori']>[number]
): string | undefined {
	const a = getAction(doc, id);
	if (!a) return;
	const iid = newId('i');
	doc.transact(() => arr<Y.Map<unknown>>(a, 'indicatori').push([indicatorMap(input, iid)]));
	return iid;
}

export function setIndicatorField(
	doc: Y.Doc,
	id: string,
	indicatorId: string,
	field: IndicatorField,
	value: Scalar
): void {
	const a = getAction(doc, id);
	if (!a) return;
	for (const m of arr<Y.Map<unknown>>(a, 'indicatori'))
		if (m.get('id') === indicatorId) m.set(field, value);
}

export function removeIndicator(doc: Y.Doc, id: string, indicatorId: string): void {
	const a = getAction(doc, id);
	if (!a) return;
	const list = arr<Y.Map<unknown>>(a, 'indicatori');
	const i = list.toArray().findIndex((m) => m.get('id') === indicatorId);
	if (i >= 0) list.delete(i, 1);
}

/** A proroga: records the old end date, who and when, and moves the action's end. */
export function addProroga(
	doc: Y.Doc,
	id: string,
	p: { fine: string; motivo: string; da: string; il?: string }
): void {
	const a = getAction(doc, id);
	if (!a) return;
	doc.transact(() => {
		arr<Y.Map<unknown>>(a, 'proroghe').push([
			prorogaMap({
				...p,
				finePrecedente: String(a.get('fine') ?? ''),
				il: p.il ?? new Date().toISOString()
			})
		]);
		a.set('fine', p.fine);
	});
}

/** Parses what a person typed as an amount or an indicator value (it-IT or plain). */
export function parseNumber(input: string): number | string | null {
	const s = input.trim().replace(/\s|€/g, '');
	if (s === '') return null;
	let n: string = s;
	if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) n = s.replace(/\./g, '').replace(',', '.');
	else if (/^-?\d+(,\d+)?$/.test(s)) n = s.replace(',', '.');
	const v = Number(n);
	return Number.isFinite(v) && /^-?\d+(\.\d+)?$/.test(n) ? v : input.trim();
}
