import type { RequestHandler } from './$types';
import { catalogGraph, toTurtle, UnsafeOrigin } from '$lib/server/opendata/catalog';

/** DCAT-AP_IT catalogue of the open data, in Turtle (public, no account: harvesters read it). */
export const GET: RequestHandler = ({ url }) => {
	let body: string;
	try {
		body = toTurtle(catalogGraph(url.origin));
	} catch (e) {
		if (e instanceof UnsafeOrigin) return new Response(e.message, { status: 400 });
		throw e;
	}
	return new Response(body, {
		headers: {
			'content-type': 'text/turtle; charset=utf-8',
			'cache-control': 'public, max-age=300'
		}
	});
};
