import type { RequestHandler } from './$types';
import { error } from '@sveltejs/kit';
import { atom } from '$lib/server/decisions/feeds';
import { publicTavolo } from '$lib/server/decisions/public';

export const GET: RequestHandler = ({ params, url }) => {
	const tavolo = publicTavolo(params.tavolo);
	if (!tavolo) error(404, 'Tavolo non trovato nel registro pubblico');
	return new Response(atom(url.origin, tavolo), {
		headers: { 'content-type': 'application/atom+xml; charset=utf-8' }
	});
};
