import type { RequestHandler } from './$types';
import { catalogGraph, toJsonLd } from '$lib/server/opendata/catalog';

/** The same DCAT-AP_IT catalogue as /catalogo.ttl, in JSON-LD. */
export const GET: RequestHandler = ({ url }) =>
	new Response(JSON.stringify(toJsonLd(catalogGraph(url.origin)), null, 1), {
		headers: {
			'content-type': 'application/ld+json; charset=utf-8',
			'cache-control': 'public, max-age=300'
		}
	});
