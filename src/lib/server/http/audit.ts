/**
 * The audit log as the HTTP routes serve it: the policy's 'audit.read' check, then the unchecked
 * read of src/lib/server/audit, and the CSV. Here and not in audit/, which every domain imports to
 * record and so must itself import nothing but the database (no folder cycle).
 */
import type { SessionUser } from '../auth/session.js';
import { assertDecided, assertPlatformAdmin, type Membership } from '../policy/index.js';
import {
	AUDIT_RETENTION_DAYS,
	auditActors,
	listAuditUnchecked,
	parseAuditFilters,
	type AuditFilters,
	type AuditRow
} from '../audit/index.js';
import { toCsvText } from './csv.js';
import { guard } from './kit.js';

type AuditListing = { rows: AuditRow[]; actors: { id: number; label: string }[] };

/** The log of one tavolo, for whoever the policy lets read it (segreteria, platform admin). */
export function tavoloAudit(
	user: SessionUser | null,
	opened: { tavolo: { id: number; isPublic: boolean }; membership: Membership | null },
	f: AuditFilters
): AuditListing {
	const { tavolo, membership } = opened;
	assertDecided(user, membership, 'audit.read', { tavoloId: tavolo.id, isPublic: tavolo.isPublic });
	const scope = { tavoloId: tavolo.id };
	return { rows: listAuditUnchecked(scope, f), actors: auditActors(scope) };
}

/** Every row, platform-level ones included (enti, tavoli, sign-ins): the admin only. */
export function platformAudit(user: SessionUser | null, f: AuditFilters): AuditListing {
	assertPlatformAdmin(user);
	return { rows: listAuditUnchecked(null, f), actors: auditActors(null) };
}

/**
 * The load of both log pages (tavolo and admin): filters from the query, the read, and only the
 * columns the table shows (detail and actor ids stay in the CSV). The CSV link keeps the filters.
 */
export function auditPage(url: URL, csvPath: string, read: (f: AuditFilters) => AuditListing) {
	const filters = parseAuditFilters(url.searchParams);
	const { rows, actors } = guard(() => read(filters));
	return {
		rows: rows.map(
			({ id, at, actorLabel, tavoloSlug, action, targetType, targetId, targetLabel, ip }) => ({
				id,
				at,
				actorLabel,
				tavoloSlug,
				action,
				targetType,
				targetId,
				targetLabel,
				ip
			})
		),
		actors,
		filters,
		retentionDays: AUDIT_RETENTION_DAYS,
		csvHref: `${csvPath}${url.search}`
	};
}

export function auditCsv(rows: AuditRow[]): string {
	return toCsvText(
		[
			'id',
			'at',
			'actor_id',
			'actor',
			'tavolo',
			'action',
			'target_type',
			'target_id',
			'target',
			'detail',
			'ip'
		],
		rows.map((r) => [
			r.id,
			r.at,
			r.actorId,
			r.actorLabel,
			r.tavoloSlug,
			r.action,
			r.targetType,
			r.targetId,
			r.targetLabel,
			r.detail,
			r.ip
		])
	);
}
