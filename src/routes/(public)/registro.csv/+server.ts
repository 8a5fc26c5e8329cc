import type { RequestHandler } from './$types';
import { guard } from '$lib/server/http/kit';
import { parseFilters, publicAll } from '$lib/server/decisions/public';
import { toCsv } from '$lib/server/decisions/opendata';

/** Every public decision matching the filters, one row each (columns in docs/registro.md). */
export const GET: RequestHandler = ({ url }) => {
	const f = guard(() => parseFilters(url.searchParams));
	return new Response(toCsv(publicAll(f), url.origin), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'inline; filename="registro-decisioni.csv"'
		}
	});
};
