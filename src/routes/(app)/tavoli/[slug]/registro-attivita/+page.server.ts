import type { PageServerLoad } from './$types';
import { guard, requireUser } from '$lib/server/http/kit';
import { open } from '$lib/server/tavoli';
import { AUDIT_RETENTION_DAYS, parseAuditFilters } from '$lib/server/audit';
import { tavoloAudit } from '$lib/server/http/audit';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const opened = guard(() => open(user, params.slug, 'tavolo.see'));
	const filters = parseAuditFilters(url.searchParams);
	const { rows, actors } = guard(() => tavoloAudit(user, opened, filters));
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
		csvHref: `/tavoli/${opened.tavolo.slug}/registro-attivita/attivita.csv${url.search}`
	};
};
