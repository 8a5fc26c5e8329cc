import type { RequestHandler } from './$types';
import { catalogGraph, toJsonLd, UnsafeOrigin } from '$lib/server/opendata/catalog';
import { problem } from '$lib/server/api/problem';

/** The same DCAT-AP_IT catalogue as /catalogo.ttl, in JSON-LD. */
export const GET: RequestHandler = ({ url }) => {
	let body: string;
	try {
		body = JSON.stringify(toJsonLd(catalogGraph(url.origin)), null, 1);
	} catch (e) {
		if (e instanceof UnsafeOrigin) return problem(400, e.message);
		throw e;
	}
	return new Response(body, {
		headers: {
			'content-type': 'application/ld+json; charset=utf-8',
			'cache-control': 'public, max-age=300'
		}
	});
};
