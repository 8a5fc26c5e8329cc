import type { PageServerLoad } from './$types';
import { guard } from '$lib/server/http/kit';
import { parseFilters, publicFacets, publicList } from '$lib/server/decisions/public';

export const load: PageServerLoad = ({ url }) => {
	const f = guard(() =>
		parseFilters(url.searchParams, { allowPaging: true, perPagina: 20, maxPerPagina: 100 })
	);
	const { total, items } = publicList(f);
	return {
		filters: {
			tavolo: f.tavolo ?? '',
			regione: f.regione ?? '',
			anno: f.anno ? String(f.anno) : '',
			tipo: f.tipo ?? '',
			esito: f.esito ?? '',
			q: f.q ?? ''
		},
		page: f.pagina,
		pages: Math.max(1, Math.ceil(total / f.perPagina)),
		total,
		facets: publicFacets(),
		items: items.map((d) => ({
			ref: d.ref,
			year: d.year,
			number: d.number,
			tavoloSlug: d.tavoloSlug,
			tavoloName: d.tavoloName,
			region: d.region,
			title: d.title,
			type: d.type,
			outcome: d.outcome,
			decidedOn: d.decidedOn,
			rettifica: d.rettifica
		}))
	};
};
