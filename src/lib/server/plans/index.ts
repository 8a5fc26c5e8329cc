/**
 * Piani di attività: one plan per tavolo, living in a Yjs document (kind 'piano'); its 'azioni'
 * map is projected to SQL for dashboards and the cross-tavolo view. See docs/plans.md.
 *
 * Verbs take the acting user first and check access through the policy.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { db } from '../db/index.js';
import type { SessionUser } from '../auth/session.js';
import { AccessError, assertCan, can, readableTavoloIds } from '../policy/index.js';
import { ConflictError, fromZod, NotFoundError, ValidationError } from '../errors.js';
import { toCsvText } from '../http/csv.js';
import { emitToTavolo } from '../realtime/index.js';
import { INDICATOR_FIELDS, SCALAR_FIELDS, STATI } from '../../plans/model.js';
import { figures, todayIso, type ActionRow, type PlanFigures } from '../../plans/projection.js';
import { applyOpsToDoc, type Op } from '../../plans/ops.js';
import { knownEnti, readProjection, refreshFromDoc } from './projection.js';
import {
	createDocument,
	documentWritable,
	onDocumentChange,
	pianoDocument,
	withDoc
} from './docs.js';
import { DEFAULT_FUNDS, DEFAULT_PRIORITIES } from './defaults.js';

export { withDoc };

export interface Plan {
	id: number;
	tavoloId: number;
	documentId: string;
	title: string;
	projectedAt: string | null;
}

export interface PlanOption {
	id: number;
	kind: 'priorita' | 'fondo';
	code: string;
	label: string;
	position: number;
}

const PLAN_COLS =
	'id, tavolo_id AS tavoloId, document_id AS documentId, title, projected_at AS projectedAt';

export function planOf(tavoloId: number): Plan | null {
	return (
		(db().prepare(`SELECT ${PLAN_COLS} FROM plans WHERE tavolo_id = ?`).get(tavoloId) as
			Plan | undefined) ?? null
	);
}

function planByDocument(documentId: string): Plan | null {
	return (
		(db().prepare(`SELECT ${PLAN_COLS} FROM plans WHERE document_id = ?`).get(documentId) as
			Plan | undefined) ?? null
	);
}

// ---------------------------------------------------------------- priority areas, funding lines

export function seedOptions(tavoloId: number): void {
	const d = db();
	const ins = d.prepare(
		'INSERT OR IGNORE INTO plan_options (tavolo_id, kind, code, label, position) VALUES (?, ?, ?, ?, ?)'
	);
	d.transaction(() => {
		DEFAULT_PRIORITIES.forEach(([code, label], i) => ins.run(tavoloId, 'priorita', code, label, i));
		DEFAULT_FUNDS.forEach(([code, label], i) => ins.run(tavoloId, 'fondo', code, label, i));
	})();
}

export function listOptions(user: SessionUser | null, tavoloId: number): PlanOption[] {
	assertCan(user, 'plan.read', { tavoloId });
	return optionsOf(tavoloId);
}

function optionsOf(tavoloId: number): PlanOption[] {
	return db()
		.prepare(
			'SELECT id, kind, code, label, position FROM plan_options WHERE tavolo_id = ? ORDER BY kind, position, id'
		)
		.all(tavoloId) as PlanOption[];
}

const optionInput = z.object({
	kind: z.enum(['priorita', 'fondo'], {
		message: 'Scegli se è un’area prioritaria o una linea di finanziamento'
	}),
	code: z
		.string()
		.trim()
		.min(1, 'Indica un codice breve')
		.max(20, 'Codice troppo lungo (massimo 20 caratteri)')
		.regex(/^[\w.\-/]+$/, 'Il codice può contenere lettere, cifre, punti, trattini e barre'),
	label: z.string().trim().min(2, 'Indica la descrizione').max(200, 'Descrizione troppo lunga')
});

export function addOption(user: SessionUser | null, tavoloId: number, input: unknown): PlanOption {
	assertCan(user, 'plan.configure', { tavoloId });
	const p = optionInput.safeParse(input);
	if (!p.success) throw fromZod(p.error);
	const { kind, code, label } = p.data;
	if (
		db()
			.prepare('SELECT 1 FROM plan_options WHERE tavolo_id = ? AND kind = ? AND code = ?')
			.get(tavoloId, kind, code)
	)
		throw new ValidationError({ code: 'Questo codice è già in uso' });
	const pos = (
		db()
			.prepare(
				'SELECT COALESCE(MAX(position), -1) + 1 AS p FROM plan_options WHERE tavolo_id = ? AND kind = ?'
			)
			.get(tavoloId, kind) as { p: number }
	).p;
	const info = db()
		.prepare(
			'INSERT INTO plan_options (tavolo_id, kind, code, label, position) VALUES (?, ?, ?, ?, ?)'
		)
		.run(tavoloId, kind, code, label, pos);
	void emitToTavolo(tavoloId, 'plan:changed', { tavoloId });
	return { id: Number(info.lastInsertRowid), kind, code, label, position: pos };
}

export function renameOption(
	user: SessionUser | null,
	tavoloId: number,
	optionId: number,
	label: unknown
): void {
	assertCan(user, 'plan.configure', { tavoloId });
	const p = optionInput.shape.label.safeParse(label);
	if (!p.success) throw new ValidationError({ label: p.error.issues[0].message });
	const info = db()
		.prepare('UPDATE plan_options SET label = ? WHERE id = ? AND tavolo_id = ?')
		.run(p.data, optionId, tavoloId);
	if (!info.changes) throw new NotFoundError('Voce non trovata');
	void emitToTavolo(tavoloId, 'plan:changed', { tavoloId });
}

/** Removing a list entry that actions still use would orphan them: refused, with the count. */
export function removeOption(user: SessionUser | null, tavoloId: number, optionId: number): void {
	assertCan(user, 'plan.configure', { tavoloId });
	const o = db()
		.prepare('SELECT kind, code FROM plan_options WHERE id = ? AND tavolo_id = ?')
		.get(optionId, tavoloId) as { kind: 'priorita' | 'fondo'; code: string } | undefined;
	if (!o) throw new NotFoundError('Voce non trovata');
	const col = o.kind === 'fondo' ? 'fondo' : 'priorita';
	const used = (
		db()
			.prepare(`SELECT COUNT(*) AS n FROM plan_actions WHERE tavolo_id = ? AND ${col} = ?`)
			.get(tavoloId, o.code) as { n: number }
	).n;
	if (used)
		throw new ConflictError(
			`Usata da ${used} ${used === 1 ? 'azione' : 'azioni'}: cambia prima quelle azioni`
		);
	db().prepare('DELETE FROM plan_options WHERE id = ?').run(optionId);
	void emitToTavolo(tavoloId, 'plan:changed', { tavoloId });
}

// ---------------------------------------------------------------- plan lifecycle and projection

const titleInput = z
	.string()
	.trim()
	.min(3, 'Indica un titolo di almeno 3 caratteri')
	.max(200, 'Titolo troppo lungo');

/**
 * Creates the tavolo's plan: on an existing 'piano' document of the tavolo (documentId), or on a
 * new one with the standard sections.
 */
export function createPlan(
	user: SessionUser | null,
	tavoloId: number,
	input: { title?: unknown; documentId?: unknown } = {}
): Plan {
	assertCan(user, 'plan.configure', { tavoloId });
	if (planOf(tavoloId)) throw new ConflictError('Questo tavolo ha già un piano di attività');
	const docId = typeof input.documentId === 'string' ? input.documentId.trim() : '';
	if (docId) {
		let info: ReturnType<typeof pianoDocument>;
		try {
			info = pianoDocument(user!, tavoloId, docId);
		} catch {
			info = null;
		}
		if (!info)
			throw new ValidationError({
				documentId: 'Scegli un documento di tipo piano di questo tavolo'
			});
		if (planByDocument(docId))
			throw new ValidationError({ documentId: 'Questo documento è già il piano di un tavolo' });
		return createPlanUnchecked(tavoloId, info.title, docId);
	}
	const t = titleInput.safeParse(input.title ?? 'Piano di attività');
	if (!t.success) throw new ValidationError({ title: t.error.issues[0].message });
	return createPlanUnchecked(tavoloId, t.data, createDocument(user!, tavoloId, t.data));
}

/** Records an existing 'piano' document as the tavolo's plan (demo seed, benchmarks: no user). */
export function createPlanUnchecked(tavoloId: number, title: string, documentId: string): Plan {
	db()
		.prepare('INSERT INTO plans (tavolo_id, document_id, title) VALUES (?, ?, ?)')
		.run(tavoloId, documentId, title);
	seedOptions(tavoloId);
	const plan = planOf(tavoloId)!;
	refresh(plan);
	return plan;
}

/** The tavolo's 'piano' documents not yet used as a plan, for the "create plan" form. */
export function candidateDocuments(
	user: SessionUser | null,
	tavoloId: number
): { id: string; title: string }[] {
	assertCan(user, 'plan.read', { tavoloId });
	return db()
		.prepare(
			`SELECT d.id, d.title FROM documents d WHERE d.tavolo_id = ? AND d.kind = 'piano' AND d.status = 'attivo'
			 AND NOT EXISTS (SELECT 1 FROM plans p WHERE p.document_id = d.id) ORDER BY d.created_at`
		)
		.all(tavoloId) as { id: string; title: string }[];
}

/** Brings one plan's projection up to date with its document now (`full`: rewrite every row). */
export function refresh(plan: Plan, opts: { full?: boolean } = {}): ActionRow[] {
	return withDoc(plan.documentId, (doc) =>
		refreshFromDoc(db(), plan.id, plan.tavoloId, doc, undefined, opts)
	);
}

const DEBOUNCE_MS = 150;
const SUB = Symbol.for('raccordo.plans.subscribed');
type G = typeof globalThis & { [SUB]?: { timers: Map<string, ReturnType<typeof setTimeout>> } };

/**
 * Subscribes the projection to document changes (debounced per document: a burst of keystrokes
 * is one refresh), then tells the tavolo's open pages that the figures moved.
 */
export function subscribeProjection(): void {
	const g = globalThis as G;
	if (g[SUB]) return;
	const timers = new Map<string, ReturnType<typeof setTimeout>>();
	g[SUB] = { timers };
	onDocumentChange((documentId) => {
		clearTimeout(timers.get(documentId));
		timers.set(
			documentId,
			setTimeout(() => {
				timers.delete(documentId);
				const plan = planByDocument(documentId);
				if (!plan) return;
				refresh(plan);
				void emitToTavolo(plan.tavoloId, 'plan:changed', { tavoloId: plan.tavoloId });
			}, DEBOUNCE_MS)
		);
	});
}

/** Start-up: plans whose projection was never built (or was lost) are rebuilt from the document. */
export function rebuildMissing(): number {
	const plans = db()
		.prepare(
			`SELECT ${PLAN_COLS} FROM plans p WHERE projected_at IS NULL
			 OR NOT EXISTS (SELECT 1 FROM plan_actions a WHERE a.plan_id = p.id)`
		)
		.all() as Plan[];
	for (const p of plans) refresh(p, { full: true });
	return plans.length;
}

// ---------------------------------------------------------------- reading

export interface PlanView {
	plan: Plan | null;
	rows: ActionRow[];
	options: PlanOption[];
	enti: { id: number; name: string; member: boolean }[];
	figures: PlanFigures;
	today: string;
	canWrite: boolean;
	canConfigure: boolean;
}

export function view(user: SessionUser | null, tavoloId: number): PlanView {
	assertCan(user, 'plan.read', { tavoloId });
	const plan = planOf(tavoloId);
	const rows = plan ? readProjection(db(), [plan.id]).get(plan.id)! : [];
	const today = todayIso();
	const memberEnti = new Set(
		(
			db()
				.prepare('SELECT DISTINCT ente_id FROM memberships WHERE tavolo_id = ?')
				.all(tavoloId) as { ente_id: number }[]
		).map((r) => r.ente_id)
	);
	const enti = (
		db().prepare('SELECT id, name FROM enti ORDER BY name').all() as { id: number; name: string }[]
	).map((e) => ({
		...e,
		member: memberEnti.has(e.id)
	}));
	return {
		plan,
		rows,
		options: optionsOf(tavoloId),
		enti,
		figures: figures(rows, today),
		today,
		canWrite:
			can(user, 'plan.write', { tavoloId }) && !!plan && documentWritable(user!, plan.documentId),
		canConfigure: can(user, 'plan.configure', { tavoloId })
	};
}

/** The encoded document, for a client without a live connection (print, first paint). */
export function documentState(user: SessionUser | null, tavoloId: number): Uint8Array | null {
	assertCan(user, 'plan.read', { tavoloId });
	const plan = planOf(tavoloId);
	return plan ? withDoc(plan.documentId, (doc) => Y.encodeStateAsUpdate(doc)) : null;
}

// ---------------------------------------------------------------- editing through the server

const scalar = z.union([z.string().max(5000, 'Testo troppo lungo'), z.number(), z.null()]);
const opInput = z.discriminatedUnion('op', [
	z.object({
		op: z.literal('add'),
		id: z.string().max(40).optional(),
		titolo: z.string().max(500).default('')
	}),
	z.object({ op: z.literal('set'), id: z.string(), field: z.enum(SCALAR_FIELDS), value: scalar }),
	z.object({ op: z.literal('remove'), id: z.string() }),
	z.object({ op: z.literal('partners'), id: z.string(), enti: z.array(z.number().int()).max(100) }),
	z.object({
		op: z.literal('indicator.add'),
		id: z.string(),
		nome: z.string().max(300),
		unita: z.string().max(50).default(''),
		baseline: scalar.default(null),
		target: scalar.default(null),
		valore: scalar.default(null)
	}),
	z.object({
		op: z.literal('indicator.set'),
		id: z.string(),
		indicatorId: z.string(),
		field: z.enum(INDICATOR_FIELDS),
		value: scalar
	}),
	z.object({ op: z.literal('indicator.remove'), id: z.string(), indicatorId: z.string() }),
	z.object({
		op: z.literal('proroga'),
		id: z.string(),
		fine: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Indica la nuova data di fine (aaaa-mm-gg)'),
		motivo: z.string().trim().min(3, 'Indica il motivo della proroga').max(1000)
	})
]);
export type PlanOp = z.input<typeof opInput>;

/**
 * Applies edits to the plan's document for clients that do not hold a live Yjs connection (and
 * for tests and scripts). The document stays the only truth: the projection follows it.
 * Returns the ids of actions added.
 */
export function applyOps(
	user: SessionUser | null,
	tavoloId: number,
	input: unknown
): { added: string[]; rows: ActionRow[] } {
	assertCan(user, 'plan.write', { tavoloId });
	const plan = planOf(tavoloId);
	if (!plan) throw new NotFoundError('Questo tavolo non ha ancora un piano di attività');
	const parsed = z
		.array(opInput)
		.min(1, 'Nessuna modifica')
		.max(200, 'Troppe modifiche in una volta')
		.safeParse(input);
	if (!parsed.success) throw fromZod(parsed.error);
	// A frozen or archived plan document is read-only for everyone, here as on the socket.
	if (!documentWritable(user!, plan.documentId))
		throw new AccessError(403, 'Il documento del piano è in sola lettura (approvato o archiviato)');
	const ops = parsed.data as Op[];
	const added = withDoc(plan.documentId, (doc) => {
		const actions = doc.getMap('azioni');
		for (const o of ops)
			if (o.op !== 'add' && !actions.has(o.id))
				throw new NotFoundError('Azione non trovata: forse è stata eliminata');
		if (
			ops.some(
				(o) =>
					o.op === 'set' &&
					o.field === 'stato' &&
					!(STATI as readonly string[]).includes(String(o.value))
			)
		)
			throw new ValidationError({ stato: 'Stato non previsto' });
		return applyOpsToDoc(doc, ops, user!.name);
	});
	// The writer sees their result at once; the debounced refresh will find nothing new.
	const rows = refresh(plan);
	void emitToTavolo(tavoloId, 'plan:changed', { tavoloId });
	return { added, rows };
}

// ---------------------------------------------------------------- cross-tavolo

export interface CrossRow {
	key: string;
	label: string;
	/** Drill-down: the tavoli behind this row, with their share. */
	perTavolo?: { slug: string; name: string; actions: number; budget: number }[];
	tavoli: number;
	actions: number;
	budget: number;
	overdue: number;
	completed: number;
}

export interface CrossFigures {
	tavoli: (CrossRow & { slug: string; region: string | null; excluded: number })[];
	byRegion: CrossRow[];
	byPriority: CrossRow[];
	byFund: CrossRow[];
	totals: { tavoli: number; actions: number; budget: number; overdue: number; excluded: number };
	today: string;
}

/**
 * The same figures across every tavolo this user may read (readableTavoloIds: their memberships,
 * all for an admin). Nothing from other tavoli enters a sum.
 */
export function crossTavolo(user: SessionUser | null, today = todayIso()): CrossFigures {
	const ids = JSON.stringify(readableTavoloIds(user));
	const d = db();
	const agg = `COUNT(a.action_id) AS actions, COALESCE(SUM(a.budget), 0) AS budget,
		COALESCE(SUM(a.end_date <> '' AND a.end_date < @today AND a.status <> 'completata'), 0) AS overdue,
		COALESCE(SUM(a.status = 'completata'), 0) AS completed, COUNT(DISTINCT a.tavolo_id) AS tavoli`;
	const where = `a.tavolo_id IN (SELECT value FROM json_each(@ids))`;
	const tavoli = d
		.prepare(
			`SELECT t.id AS key, t.name AS label, t.slug, t.region, COUNT(a.action_id) AS actions,
			 COALESCE(SUM(a.budget), 0) AS budget,
			 COALESCE(SUM(a.end_date <> '' AND a.end_date < @today AND a.status <> 'completata'), 0) AS overdue,
			 COALESCE(SUM(a.status = 'completata'), 0) AS completed,
			 COALESCE(SUM(a.budget IS NULL AND a.budget_raw IS NOT NULL), 0) AS excluded, 1 AS tavoli
			 FROM plans p JOIN tavoli t ON t.id = p.tavolo_id LEFT JOIN plan_actions a ON a.plan_id = p.id
			 WHERE p.tavolo_id IN (SELECT value FROM json_each(@ids))
			 GROUP BY t.id ORDER BY t.region, t.name`
		)
		.all({ ids, today }) as CrossFigures['tavoli'];
	const byRegion = d
		.prepare(
			`SELECT COALESCE(t.region, 'Nazionale') AS key, COALESCE(t.region, 'Nazionale') AS label, ${agg}
			 FROM plan_actions a JOIN tavoli t ON t.id = a.tavolo_id WHERE ${where} GROUP BY key ORDER BY budget DESC, key`
		)
		.all({ ids, today }) as CrossRow[];
	const byOption = (kind: 'priorita' | 'fondo') =>
		d
			.prepare(
				`SELECT a.${kind} AS key, COALESCE(MIN(o.label), CASE a.${kind} WHEN '' THEN 'Non indicato' ELSE a.${kind} END) AS label, ${agg}
				 FROM plan_actions a LEFT JOIN plan_options o ON o.tavolo_id = a.tavolo_id AND o.kind = '${kind}' AND o.code = a.${kind}
				 WHERE ${where} GROUP BY a.${kind} ORDER BY budget DESC, key`
			)
			.all({ ids, today }) as CrossRow[];
	const drill = (col: string, rows: CrossRow[]) => {
		const parts = d
			.prepare(
				`SELECT ${col} AS key, t.slug, t.name, COUNT(*) AS actions, COALESCE(SUM(a.budget), 0) AS budget
				 FROM plan_actions a JOIN tavoli t ON t.id = a.tavolo_id WHERE ${where}
				 GROUP BY ${col}, t.id ORDER BY budget DESC, t.name`
			)
			.all({ ids }) as {
			key: string;
			slug: string;
			name: string;
			actions: number;
			budget: number;
		}[];
		for (const r of rows)
			r.perTavolo = parts.filter((p) => p.key === r.key).map(({ key: _k, ...rest }) => rest);
		return rows;
	};
	const byPriority = drill('a.priorita', byOption('priorita'));
	const byFund = drill('a.fondo', byOption('fondo'));
	drill(`COALESCE(t.region, 'Nazionale')`, byRegion);
	const totals = tavoli.reduce(
		(t, r) => ({
			tavoli: t.tavoli + 1,
			actions: t.actions + r.actions,
			budget: t.budget + r.budget,
			overdue: t.overdue + r.overdue,
			excluded: t.excluded + r.excluded
		}),
		{ tavoli: 0, actions: 0, budget: 0, overdue: 0, excluded: 0 }
	);
	return { tavoli, byRegion, byPriority, byFund, totals, today };
}

export { knownEnti };

// ---------------------------------------------------------------- sections (print view)

export interface Block {
	kind: 'heading' | 'paragraph' | 'item';
	level: number;
	text: string;
}

function textOf(node: Y.XmlElement | Y.XmlText | Y.XmlFragment): string {
	if (node instanceof Y.XmlText) return node.toString().replace(/<[^>]*>/g, '');
	return node
		.toArray()
		.map((c) => textOf(c as Y.XmlElement | Y.XmlText))
		.join('');
}

/**
 * The rich-text sections of the plan's document (the Y.XmlFragment 'default' the documents
 * editor writes), flattened to headings, paragraphs and list items for the print view.
 */
export function sections(user: SessionUser | null, tavoloId: number): Block[] {
	assertCan(user, 'plan.read', { tavoloId });
	const plan = planOf(tavoloId);
	if (!plan) return [];
	return withDoc(plan.documentId, (doc) => {
		const out: Block[] = [];
		const walk = (n: Y.XmlElement | Y.XmlText) => {
			if (n instanceof Y.XmlText) {
				const text = textOf(n).trim();
				if (text) out.push({ kind: 'paragraph', level: 0, text });
				return;
			}
			const name = n.nodeName;
			if (name === 'heading')
				out.push({ kind: 'heading', level: Number(n.getAttribute('level')) || 2, text: textOf(n) });
			else if (name === 'paragraph') out.push({ kind: 'paragraph', level: 0, text: textOf(n) });
			else if (name === 'listItem') out.push({ kind: 'item', level: 0, text: textOf(n) });
			else for (const c of n.toArray()) walk(c as Y.XmlElement | Y.XmlText);
		};
		for (const c of doc.getXmlFragment('default').toArray()) walk(c as Y.XmlElement | Y.XmlText);
		return out.filter((b) => b.text.trim());
	});
}

// ---------------------------------------------------------------- export

const CSV_COLUMNS = [
	'id',
	'titolo',
	'descrizione',
	'ente_capofila',
	'enti_partner',
	'inizio',
	'fine',
	'stato',
	'in_ritardo',
	'fondo',
	'codice_programma',
	'budget_eur',
	'area_prioritaria',
	'indicatori',
	'proroghe',
	'segnalazioni'
];

/**
 * The plan's actions as CSV for Italian spreadsheets: ';' separator, decimal comma, UTF-8 with
 * BOM, ISO dates. Invalid values are exported as typed, with the warning in 'segnalazioni'.
 */
export function exportCsv(user: SessionUser | null, tavoloId: number): string {
	const v = view(user, tavoloId);
	const ente = new Map(v.enti.map((e) => [e.id, e.name]));
	const name = (id: number) => ente.get(id) ?? `Ente sconosciuto (${id})`;
	const it = (n: number | null) => (n == null ? '' : String(n).replace('.', ','));
	const lines: unknown[][] = [];
	for (const r of v.rows) {
		lines.push([
			r.id,
			r.titolo,
			r.descrizione,
			r.capofila == null ? '' : name(r.capofila),
			r.partner.map(name).join(', '),
			r.inizio,
			r.fine,
			r.stato,
			r.fine && r.fine < v.today && r.stato !== 'completata' ? 'sì' : 'no',
			r.fondo,
			r.codice,
			r.budget != null ? it(r.budget) : (r.budgetRaw ?? ''),
			r.priorita,
			r.indicatori
				.map(
					(i) =>
						`${i.nome} (${i.unita}): ${i.raw.baseline ?? it(i.baseline)} → ${i.raw.target ?? it(i.target)}, attuale ${i.raw.valore ?? it(i.valore)}`
				)
				.join(' | '),
			r.proroghe
				.map((p) => `${p.finePrecedente} → ${p.fine}: ${p.motivo} (${p.da}, ${p.il.slice(0, 10)})`)
				.join(' | '),
			r.issues.map((i) => i.message).join(' | ')
		]);
	}
	return toCsvText(CSV_COLUMNS, lines, ';');
}

export function exportJson(user: SessionUser | null, tavoloId: number) {
	const v = view(user, tavoloId);
	const ente = new Map(v.enti.map((e) => [e.id, e.name]));
	return {
		piano: v.plan
			? {
					titolo: v.plan.title,
					tavoloId,
					documento: v.plan.documentId,
					generato: new Date().toISOString()
				}
			: null,
		aree: v.options
			.filter((o) => o.kind === 'priorita')
			.map(({ code, label }) => ({ codice: code, descrizione: label })),
		fondi: v.options
			.filter((o) => o.kind === 'fondo')
			.map(({ code, label }) => ({ codice: code, descrizione: label })),
		azioni: v.rows.map((r) => ({
			id: r.id,
			titolo: r.titolo,
			descrizione: r.descrizione,
			capofila: r.capofila == null ? null : { id: r.capofila, nome: ente.get(r.capofila) ?? null },
			partner: r.partner.map((id) => ({ id, nome: ente.get(id) ?? null })),
			inizio: r.inizio || null,
			fine: r.fine || null,
			stato: r.stato,
			inRitardo: !!r.fine && r.fine < v.today && r.stato !== 'completata',
			fondo: r.fondo || null,
			codiceProgramma: r.codice || null,
			budgetEur: r.budget,
			budgetNonValido: r.budgetRaw,
			areaPrioritaria: r.priorita || null,
			indicatori: r.indicatori.map((i) => ({
				nome: i.nome,
				unita: i.unita,
				partenza: i.baseline,
				obiettivo: i.target,
				attuale: i.valore,
				valoriNonValidi: i.valid ? null : i.raw,
				avanzamento: i.progress
			})),
			proroghe: r.proroghe.map((p) => ({
				nuovaFine: p.fine,
				finePrecedente: p.finePrecedente,
				motivo: p.motivo,
				da: p.da,
				il: p.il
			})),
			segnalazioni: r.issues
		}))
	};
}
