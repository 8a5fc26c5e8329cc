import type { RequestHandler } from './$types';
import { error } from '@sveltejs/kit';
import { atom } from '$lib/server/decisions/feeds';

export const GET: RequestHandler = ({ url }) => {
	if ([...url.searchParams.keys()].length)
		error(400, 'Il feed non accetta filtri: usa /registro/<tavolo>/feed.atom per un tavolo');
	return new Response(atom(url.origin, null), {
		headers: { 'content-type': 'application/atom+xml; charset=utf-8' }
	});
};
