import { db, type DB } from '../db/index.js';
import type { AuditAction } from '../../audit/model.js';
import { currentIp } from './context.js';

export interface Actor {
	id: number;
	name?: string;
	email?: string;
}

export interface AuditEntry {
	actor: Actor | null;
	tavoloId?: number | null;
	action: AuditAction;
	/** What was acted on: `[type, id, label?]`, e.g. `['meeting', 12, 'Riunione del 3 marzo']`. */
	target?: [type: string, id: string | number | bigint, label?: string];
	detail?: Record<string, unknown>;
}

export function record(tx: DB, e: AuditEntry): void {
	const [type, id, label] = e.target ?? ['', ''];
	const who = e.actor ? [e.actor.name, e.actor.email && `<${e.actor.email}>`] : [];
	tx.prepare(
		`INSERT INTO audit_log (actor_id, actor_label, tavolo_id, action, target_type, target_id,
		 target_label, detail, ip) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
	).run(
		e.actor?.id ?? null,
		who.filter(Boolean).join(' '),
		e.tavoloId ?? null,
		e.action,
		type,
		String(id),
		label ?? '',
		JSON.stringify(e.detail ?? {}),
		currentIp()
	);
}

/**
 * Runs a synchronous change and its audit row in one transaction (nested in the caller's, if any,
 * as a savepoint). `entry` may be a function of the change's result, for ids it creates.
 */
export function audited<T>(entry: AuditEntry | ((result: T) => AuditEntry), change: () => T): T {
	const d = db();
	return d.transaction(() => {
		const result = change();
		record(d, typeof entry === 'function' ? entry(result) : entry);
		return result;
	})();
}

/**
 * An export is a read, so it has no transaction of its own; it is recorded only when what left
 * the platform was reserved (the tavolo is not public), which is the case an auditor asks about.
 */
export function recordExport(
	actor: Actor | null,
	tavoloId: number,
	what: string,
	detail: Record<string, unknown> = {}
): void {
	const t = db()
		.prepare('SELECT slug, is_public AS isPublic FROM tavoli WHERE id = ?')
		.get(tavoloId) as { slug: string; isPublic: number } | undefined;
	if (!t || t.isPublic) return;
	record(db(), {
		actor,
		tavoloId,
		action: 'plan.exported',
		target: ['export', what, t.slug],
		detail
	});
}
