import type { PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/http/admin';
import { db } from '$lib/server/db';

export const load: PageServerLoad = ({ locals, url }) => {
	requireAdmin(locals, url);
	const count = (sql: string) => (db().prepare(sql).get() as { n: number }).n;
	return {
		counts: {
			enti: count('SELECT COUNT(*) AS n FROM enti'),
			tavoli: count('SELECT COUNT(*) AS n FROM tavoli'),
			users: count('SELECT COUNT(*) AS n FROM users')
		},
		smtpConfigured: !!process.env.SMTP_URL
	};
};
