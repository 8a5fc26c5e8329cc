/**
 * The plan figures summed across every tavolo a user may read (/piani): by tavolo, region,
 * priority area and funding line, each row with its drill-down per tavolo.
 */
import { db } from '../db/index.js';
import type { SessionUser } from '../auth/session.js';
import { readableTavoloIds } from '../policy/index.js';
import { todayIso } from '../../plans/projection.js';

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
