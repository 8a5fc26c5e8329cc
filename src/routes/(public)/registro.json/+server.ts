import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { ValidationError } from '$lib/server/errors';
import { api, validationProblem } from '$lib/server/api/problem';
import { parseFilters, publicList } from '$lib/server/decisions/public';
import { exportRecord } from '$lib/server/decisions/opendata';

/** Open data, paginated (docs/registro.md: schema "raccordo.registro/1"; /api: Registro). */
export const GET: RequestHandler = ({ url }) =>
	api(() => {
		let f;
		try {
			f = parseFilters(url.searchParams, { allowPaging: true, perPagina: 50, maxPerPagina: 1000 });
		} catch (e) {
			// `errore` and `campo` are the pre-problem+json names, kept for existing clients (ADR 017).
			if (e instanceof ValidationError)
				return validationProblem(e, {
					errore: Object.values(e.fields)[0],
					campo: Object.keys(e.fields)[0]
				});
			throw e;
		}
		const { total, items } = publicList(f);
		const pages = Math.max(1, Math.ceil(total / f.perPagina));
		const next = new URL(url);
		next.searchParams.set('pagina', String(f.pagina + 1));
		return json({
			schema: 'raccordo.registro/1',
			documentazione: `${url.origin}/registro/verifica`,
			totale: total,
			pagina: f.pagina,
			per_pagina: f.perPagina,
			pagine: pages,
			successiva: f.pagina < pages ? next.pathname + next.search : null,
			decisioni: items.map((d) => exportRecord(d, url.origin))
		});
	});
