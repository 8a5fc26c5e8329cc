import type { PageServerLoad } from './$types';
import { guard } from '$lib/server/http/kit';
import { requireAdmin } from '$lib/server/http/admin';
import { AUDIT_RETENTION_DAYS, parseAuditFilters } from '$lib/server/audit';
import { platformAudit } from '$lib/server/http/audit';

export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireAdmin(locals, url);
	const filters = parseAuditFilters(url.searchParams);
	const { rows, actors } = guard(() => platformAudit(user, filters));
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
		csvHref: `/admin/audit/attivita.csv${url.search}`
	};
};
