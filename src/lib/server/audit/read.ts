import { z } from 'zod';
import { db } from '../db/index.js';
import { AUDIT_ACTIONS, type AuditAction } from '../../audit/model.js';
import { romeToUtc } from '../../rome.js';

export interface AuditRow {
	id: number;
	at: string;
	actorId: number | null;
	actorLabel: string;
	tavoloId: number | null;
	tavoloSlug: string | null;
	action: AuditAction;
	targetType: string;
	targetId: string;
	targetLabel: string;
	detail: string;
	ip: string;
}

/** Filters as they come from the query string: Rome calendar dates, an action, a person. */
const filtersSchema = z.object({
	azione: z.enum(AUDIT_ACTIONS).optional().catch(undefined),
	persona: z.coerce.number().int().positive().optional().catch(undefined),
	dal: z
		.string()
		.regex(/^\d{4}-\d{2}-\d{2}$/)
		.optional()
		.catch(undefined),
	al: z
		.string()
		.regex(/^\d{4}-\d{2}-\d{2}$/)
		.optional()
		.catch(undefined),
	tavolo: z.coerce.number().int().positive().optional().catch(undefined)
});
export type AuditFilters = z.infer<typeof filtersSchema>;

/** A filter the reader mistyped is dropped, not an error: the page shows what it did apply. */
export function parseAuditFilters(params: URLSearchParams): AuditFilters {
	const raw = Object.fromEntries([...params].filter(([, v]) => v !== ''));
	return filtersSchema.parse(raw);
}

const LIMIT = 500;

/**
 * Unchecked read: the caller has already asked the policy for `audit.read` on the tavolo, or is
 * the platform admin (`scope` null = every tavolo and the platform-level rows).
 */
export function listAuditUnchecked(
	scope: { tavoloId: number } | null,
	f: AuditFilters,
	limit = LIMIT
): AuditRow[] {
	const where: string[] = [];
	const args: unknown[] = [];
	const tavoloId = scope?.tavoloId ?? f.tavolo;
	if (tavoloId !== undefined) where.push('a.tavolo_id = ?') && args.push(tavoloId);
	if (f.azione) where.push('a.action = ?') && args.push(f.azione);
	if (f.persona) where.push('a.actor_id = ?') && args.push(f.persona);
	const from = f.dal && romeToUtc(f.dal, '00:00');
	if (from) where.push('a.at >= ?') && args.push(from.toISOString());
	const to = f.al && romeToUtc(f.al, '00:00');
	if (to) where.push('a.at < ?') && args.push(new Date(to.getTime() + 86_400_000).toISOString());
	return db()
		.prepare(
			`SELECT a.id, a.at, a.actor_id AS actorId, a.actor_label AS actorLabel,
			        a.tavolo_id AS tavoloId, t.slug AS tavoloSlug, a.action,
			        a.target_type AS targetType, a.target_id AS targetId,
			        a.target_label AS targetLabel, a.detail, a.ip
			 FROM audit_log a LEFT JOIN tavoli t ON t.id = a.tavolo_id
			 ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
			 ORDER BY a.at DESC, a.id DESC LIMIT ?`
		)
		.all(...args, limit) as AuditRow[];
}

/** People who appear as actors in a scope, for the filter's choice list. */
export function auditActors(scope: { tavoloId: number } | null): { id: number; label: string }[] {
	return db()
		.prepare(
			`SELECT actor_id AS id, MAX(actor_label) AS label FROM audit_log
			 WHERE actor_id IS NOT NULL ${scope ? 'AND tavolo_id = ?' : ''}
			 GROUP BY actor_id ORDER BY label`
		)
		.all(...(scope ? [scope.tavoloId] : [])) as { id: number; label: string }[];
}
