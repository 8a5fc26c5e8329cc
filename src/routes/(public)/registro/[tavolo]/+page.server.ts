import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { scheda } from '$lib/server/decisions/scheda';

// The public scheda del tavolo (ADR 016): for everyone, with no people's names.
export const load: PageServerLoad = ({ params }) => {
	const s = scheda(params.tavolo);
	// Private and unknown tavoli are the same 404, as everywhere else.
	if (!s) error(404, 'Tavolo non trovato nel registro pubblico');
	return { scheda: s };
};
