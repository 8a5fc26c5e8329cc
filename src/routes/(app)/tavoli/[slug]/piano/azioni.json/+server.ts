import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/http/kit';
import { api } from '$lib/server/api/problem';
import { open } from '$lib/server/tavoli';
import { exportJson } from '$lib/server/plans';

// A download linked from the plan page: signed out, the browser goes to the login page and back.
export const GET: RequestHandler = ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	return api(() => {
		const { tavolo } = open(user, params.slug, 'tavolo.read');
		return new Response(JSON.stringify(exportJson(user, tavolo.id), null, 2), {
			headers: {
				'content-type': 'application/json; charset=utf-8',
				'content-disposition': `attachment; filename="piano-${tavolo.slug}.json"`,
				'cache-control': 'no-store'
			}
		});
	});
};
