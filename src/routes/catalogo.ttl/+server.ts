import type { RequestHandler } from './$types';
import { catalogGraph, toTurtle } from '$lib/server/opendata/catalog';

/** DCAT-AP_IT catalogue of the open data, in Turtle (public, no account: harvesters read it). */
export const GET: RequestHandler = ({ url }) =>
	new Response(toTurtle(catalogGraph(url.origin)), {
		headers: {
			'content-type': 'text/turtle; charset=utf-8',
			'cache-control': 'public, max-age=300'
		}
	});
