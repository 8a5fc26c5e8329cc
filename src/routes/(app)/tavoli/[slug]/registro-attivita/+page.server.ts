import type { PageServerLoad } from './$types';
import { guard, requireUser } from '$lib/server/http/kit';
import { open } from '$lib/server/tavoli';
import { auditPage, tavoloAudit } from '$lib/server/http/audit';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const opened = guard(() => open(user, params.slug, 'tavolo.see'));
	return auditPage(url, `/tavoli/${opened.tavolo.slug}/registro-attivita/attivita.csv`, (f) =>
		tavoloAudit(user, opened, f)
	);
};
