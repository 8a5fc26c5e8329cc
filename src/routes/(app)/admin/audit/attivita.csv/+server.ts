import type { RequestHandler } from './$types';
import { guard } from '$lib/server/http/kit';
import { requireAdmin } from '$lib/server/http/admin';
import { audited, parseAuditFilters } from '$lib/server/audit';
import { auditCsv, platformAudit } from '$lib/server/http/audit';

export const GET: RequestHandler = ({ locals, url }) => {
	const user = requireAdmin(locals, url);
	const filters = parseAuditFilters(url.searchParams);
	const { rows } = guard(() => platformAudit(user, filters));
	const csv = audited(
		{
			actor: user,
			tavoloId: filters.tavolo ?? null,
			action: 'audit.exported',
			target: ['export', 'attivita.csv', 'piattaforma'],
			detail: { rows: rows.length, filters }
		},
		() => auditCsv(rows)
	);
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="registro-attivita.csv"',
			'cache-control': 'no-store'
		}
	});
};
