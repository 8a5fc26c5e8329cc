import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/http/kit';
import { exportMyData } from '$lib/server/privacy/export';

/** GDPR art. 15/20: the signed-in person's own data, as a JSON download. Always their own. */
export const GET: RequestHandler = ({ locals, url }) => {
	const user = requireUser(locals, url);
	const day = new Date().toISOString().slice(0, 10);
	return new Response(JSON.stringify(exportMyData(user), null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="raccordo-i-miei-dati-${day}.json"`,
			'cache-control': 'no-store'
		}
	});
};
