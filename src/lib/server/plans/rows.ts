/**
 * The plan's own SQL rows (plans, plan_options): reads only, aliased to camelCase. Every other
 * file of the domain builds on these; nothing here checks access (callers do, through the policy).
 */
import { db } from '../db/index.js';

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

export const PLAN_COLS =
	'id, tavolo_id AS tavoloId, document_id AS documentId, title, projected_at AS projectedAt';

export function planOf(tavoloId: number): Plan | null {
	return (
		(db().prepare(`SELECT ${PLAN_COLS} FROM plans WHERE tavolo_id = ?`).get(tavoloId) as
			Plan | undefined) ?? null
	);
}

export function planByDocument(documentId: string): Plan | null {
	return (
		(db().prepare(`SELECT ${PLAN_COLS} FROM plans WHERE document_id = ?`).get(documentId) as
			Plan | undefined) ?? null
	);
}

export function optionsOf(tavoloId: number): PlanOption[] {
	return db()
		.prepare(
			'SELECT id, kind, code, label, position FROM plan_options WHERE tavolo_id = ? ORDER BY kind, position, id'
		)
		.all(tavoloId) as PlanOption[];
}
