/**
 * The relational projection of a plan's actions: rows computed by the pure `project()` from the
 * Y.Doc, written here in one transaction (delete + insert), read back for dashboards. Never
 * edited any other way, so it can always be rebuilt from the document alone.
 */
import type * as Y from 'yjs';
import type { DB } from '../db/index.js';
import {
	project,
	type ActionRow,
	type IndicatorRow,
	type ProrogaRow,
	type ProjectionContext
} from '../../plans/projection.js';

export function knownEnti(handle: DB): Set<number> {
	return new Set(
		(handle.prepare('SELECT id FROM enti').all() as { id: number }[]).map((r) => r.id)
	);
}

type Statements = ReturnType<typeof prepare>;
// Prepared once per database handle: a refresh runs after every burst of edits.
const cache = new WeakMap<DB, Statements>();

function prepare(handle: DB) {
	return {
		action: handle.prepare(
			`INSERT INTO plan_actions (plan_id, tavolo_id, action_id, position, title, description, programme_code, fondo,
			 priorita, status, start_date, end_date, capofila_id, budget, budget_raw, created, issues)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
		),
		partner: handle.prepare(
			'INSERT INTO plan_action_partners (plan_id, action_id, position, ente_id) VALUES (?, ?, ?, ?)'
		),
		indicator: handle.prepare(
			`INSERT INTO plan_indicators (plan_id, action_id, position, indicator_id, name, unit, baseline, target, current,
			 raw, valid, progress, issues) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
		),
		proroga: handle.prepare(
			`INSERT INTO plan_proroghe (plan_id, action_id, position, new_end, previous_end, reason, by_name, at)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
		),
		clear: ['plan_actions', 'plan_action_partners', 'plan_indicators', 'plan_proroghe'].map((t) =>
			handle.prepare(`DELETE FROM ${t} WHERE plan_id = ?`)
		),
		clearAction: ['plan_actions', 'plan_action_partners', 'plan_indicators', 'plan_proroghe'].map(
			(t) => handle.prepare(`DELETE FROM ${t} WHERE plan_id = ? AND action_id = ?`)
		),
		stamp: handle.prepare('UPDATE plans SET projected_at = ? WHERE id = ?')
	};
}

/**
 * What this process last wrote for each plan, action by action (JSON of the row), so a refresh
 * after one edit rewrites one action, not sixty. Only this module writes the projection, so the
 * memory agrees with SQL; a plan not in memory (start-up, or `full`) is rewritten whole.
 */
const written = new WeakMap<DB, Map<number, Map<string, string>>>();

export function forgetProjection(handle: DB, planId?: number): void {
	if (planId == null) written.delete(handle);
	else written.get(handle)?.delete(planId);
}

export function writeProjection(
	handle: DB,
	planId: number,
	tavoloId: number,
	rows: ActionRow[],
	opts: { full?: boolean } = {}
): { written: number; removed: number } {
	let ins = cache.get(handle);
	if (!ins) cache.set(handle, (ins = prepare(handle)));
	let byPlan = written.get(handle);
	if (!byPlan) written.set(handle, (byPlan = new Map()));
	const before = opts.full ? undefined : byPlan.get(planId);
	const after = new Map(rows.map((r) => [r.id, JSON.stringify(r)]));
	const changed = before ? rows.filter((r) => before.get(r.id) !== after.get(r.id)) : rows;
	const removed = before ? [...before.keys()].filter((id) => !after.has(id)) : [];
	const stmts = ins;
	handle.transaction(() => {
		if (!before) for (const del of stmts.clear) del.run(planId);
		for (const id of [...removed, ...(before ? changed.map((r) => r.id) : [])])
			for (const del of stmts.clearAction) del.run(planId, id);
		for (const r of changed) {
			stmts.action.run(
				planId,
				tavoloId,
				r.id,
				r.ordine,
				r.titolo,
				r.descrizione,
				r.codice,
				r.fondo,
				r.priorita,
				r.stato,
				r.inizio,
				r.fine,
				r.capofila,
				r.budget,
				r.budgetRaw,
				r.creata,
				JSON.stringify(r.issues)
			);
			r.partner.forEach((e, i) => stmts.partner.run(planId, r.id, i, e));
			for (const i of r.indicatori)
				stmts.indicator.run(
					planId,
					r.id,
					i.position,
					i.id,
					i.nome,
					i.unita,
					i.baseline,
					i.target,
					i.valore,
					JSON.stringify(i.raw),
					i.valid ? 1 : 0,
					i.progress,
					JSON.stringify(i.issues)
				);
			for (const p of r.proroghe)
				stmts.proroga.run(planId, r.id, p.position, p.fine, p.finePrecedente, p.motivo, p.da, p.il);
		}
		stmts.stamp.run(new Date().toISOString(), planId);
	})();
	byPlan.set(planId, after);
	return { written: changed.length, removed: removed.length };
}

/** Projects the document and writes it: the refresh. */
export function refreshFromDoc(
	handle: DB,
	planId: number,
	tavoloId: number,
	doc: Y.Doc,
	ctx?: ProjectionContext,
	opts: { full?: boolean } = {}
): ActionRow[] {
	const rows = project(doc, ctx ?? { knownEnti: knownEnti(handle) });
	writeProjection(handle, planId, tavoloId, rows, opts);
	return rows;
}

type ActionSql = {
	action_id: string;
	position: number;
	title: string;
	description: string;
	programme_code: string;
	fondo: string;
	priorita: string;
	status: ActionRow['stato'];
	start_date: string;
	end_date: string;
	capofila_id: number | null;
	budget: number | null;
	budget_raw: string | null;
	created: string;
	issues: string;
	plan_id: number;
};

/** Reads rows back in the same shape `project()` returns, for one or several plans. */
export function readProjection(handle: DB, planIds: number[]): Map<number, ActionRow[]> {
	const out = new Map<number, ActionRow[]>(planIds.map((id) => [id, []]));
	if (!planIds.length) return out;
	const ph = planIds.map(() => '?').join(',');
	const byKey = new Map<string, ActionRow>();
	const actions = handle
		.prepare(
			`SELECT * FROM plan_actions WHERE plan_id IN (${ph}) ORDER BY plan_id, position, created, action_id`
		)
		.all(...planIds) as ActionSql[];
	for (const a of actions) {
		const row: ActionRow = {
			id: a.action_id,
			ordine: a.position,
			titolo: a.title,
			descrizione: a.description,
			codice: a.programme_code,
			fondo: a.fondo,
			priorita: a.priorita,
			stato: a.status,
			inizio: a.start_date,
			fine: a.end_date,
			capofila: a.capofila_id,
			partner: [],
			budget: a.budget,
			budgetRaw: a.budget_raw,
			creata: a.created,
			indicatori: [],
			proroghe: [],
			issues: JSON.parse(a.issues)
		};
		byKey.set(`${a.plan_id}/${a.action_id}`, row);
		out.get(a.plan_id)!.push(row);
	}
	for (const p of handle
		.prepare(
			`SELECT plan_id, action_id, ente_id FROM plan_action_partners WHERE plan_id IN (${ph}) ORDER BY position`
		)
		.all(...planIds) as { plan_id: number; action_id: string; ente_id: number }[])
		byKey.get(`${p.plan_id}/${p.action_id}`)?.partner.push(p.ente_id);
	// Aliased to the projection's own names, so each row is pushed as it comes (raw and issues
	// are stored as JSON, valid as 0/1).
	type Keyed = { planId: number; actionId: string };
	for (const { planId, actionId, raw, valid, issues, ...ind } of handle
		.prepare(
			`SELECT plan_id AS planId, action_id AS actionId, indicator_id AS id, position, name AS nome,
			 unit AS unita, baseline, target, current AS valore, raw, valid, progress, issues
			 FROM plan_indicators WHERE plan_id IN (${ph}) ORDER BY position`
		)
		.all(...planIds) as (Keyed &
		Omit<IndicatorRow, 'raw' | 'valid' | 'issues'> & {
			raw: string;
			valid: number;
			issues: string;
		})[])
		byKey.get(`${planId}/${actionId}`)?.indicatori.push({
			...ind,
			raw: JSON.parse(raw),
			valid: !!valid,
			issues: JSON.parse(issues)
		});
	for (const { planId, actionId, ...proroga } of handle
		.prepare(
			`SELECT plan_id AS planId, action_id AS actionId, position, new_end AS fine,
			 previous_end AS finePrecedente, reason AS motivo, by_name AS da, at AS il
			 FROM plan_proroghe WHERE plan_id IN (${ph}) ORDER BY position`
		)
		.all(...planIds) as (Keyed & ProrogaRow)[])
		byKey.get(`${planId}/${actionId}`)?.proroghe.push(proroga);
	return out;
}
