import type { RequestHandler } from './$types';
import { guard, requireUser } from '$lib/server/http/kit';
import { open } from '$lib/server/tavoli';
import { exportJson } from '$lib/server/plans';

export const GET: RequestHandler = ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const { tavolo } = guard(() => open(user, params.slug, 'tavolo.read'));
	const body = guard(() => exportJson(user, tavolo.id));
	return new Response(JSON.stringify(body, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="piano-${tavolo.slug}.json"`,
			'cache-control': 'no-store'
		}
	});
};
