import type { RequestHandler } from './$types';
import { guard, requireUser } from '$lib/server/http/kit';
import { open } from '$lib/server/tavoli';
import { audited, parseAuditFilters } from '$lib/server/audit';
import { auditCsv, tavoloAudit } from '$lib/server/http/audit';

export const GET: RequestHandler = ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const opened = guard(() => open(user, params.slug, 'tavolo.see'));
	const filters = parseAuditFilters(url.searchParams);
	const { rows } = guard(() => tavoloAudit(user, opened, filters));
	// Taking the log away is itself recorded: it names people and their networks.
	const csv = audited(
		{
			actor: user,
			tavoloId: opened.tavolo.id,
			action: 'audit.exported',
			target: ['export', 'attivita.csv', opened.tavolo.slug],
			detail: { rows: rows.length, filters }
		},
		() => auditCsv(rows)
	);
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="registro-attivita-${opened.tavolo.slug}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
