import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { publicByRef } from '$lib/server/decisions/public';

export const load: PageServerLoad = ({ params }) => {
	const year = /^\d{4}$/.test(params.anno) ? Number(params.anno) : NaN;
	const number = /^\d{1,7}$/.test(params.numero) ? Number(params.numero) : NaN;
	if (Number.isNaN(year) || Number.isNaN(number))
		error(400, 'Riferimento non valido: usa /registro/<tavolo>/<anno>/<numero>');
	const d = publicByRef(params.tavolo, year, number);
	// Reserved, members-only and unknown decisions are all the same 404.
	if (!d) error(404, 'Decisione non trovata nel registro pubblico');
	return { decision: d };
};
