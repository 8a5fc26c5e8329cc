import type { PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/http/admin';
import { auditPage, platformAudit } from '$lib/server/http/audit';

export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireAdmin(locals, url);
	return auditPage(url, '/admin/audit/attivita.csv', (f) => platformAudit(user, f));
};
