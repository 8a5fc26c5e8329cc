import type { RequestHandler } from './$types';
import { guard, requireUser } from '$lib/server/http/kit';
import { open } from '$lib/server/tavoli';
import { exportCsv } from '$lib/server/plans';

export const GET: RequestHandler = ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const { tavolo } = guard(() => open(user, params.slug, 'tavolo.read'));
	const csv = guard(() => exportCsv(user, tavolo.id));
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="piano-${tavolo.slug}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
