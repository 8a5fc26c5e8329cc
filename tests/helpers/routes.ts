/**
 * The app's routes as found on disk (src/routes), so access scans cover a route the day it is
 * added. A route whose parameter this file cannot fill makes the scan fail loudly.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CAGLIARI, UMBRIA } from './http';

export interface Route {
	/** The SvelteKit route id without (groups), e.g. /tavoli/[slug]/riunioni/[id]. */
	id: string;
	/** A page (HTML + __data.json), not only an endpoint. */
	page: boolean;
	endpoint: boolean;
}

export interface Fixture {
	tavoloUmbria: number;
	tavoloCagliari: number;
	docUmbria: string;
	docCagliari: string;
	versionUmbria: string;
	meetingUmbria: number;
	meetingCagliari: number;
	decisionUmbria: number;
	decisionYear: number;
	decisionNumber: number;
}

const ROOT = join(process.cwd(), 'src/routes');

export function appRoutes(): Route[] {
	const out: Route[] = [];
	const walk = (dir: string) => {
		const files = readdirSync(dir);
		const page = files.some((f) => /^\+page\.(server\.ts|ts|svelte)$/.test(f));
		const endpoint = files.includes('+server.ts');
		if (page || endpoint) {
			const id =
				'/' +
				relative(ROOT, dir)
					.split('/')
					.filter((s) => s && !/^\(.*\)$/.test(s))
					.join('/');
			out.push({ id, page, endpoint });
		}
		for (const f of files) if (statSync(join(dir, f)).isDirectory()) walk(join(dir, f));
	};
	walk(ROOT);
	return out.sort((a, b) => a.id.localeCompare(b.id));
}

/** Every concrete address of a route, for each tavolo of the fixture. */
export function expandRoute(route: Route, f: Fixture): string[] {
	const tavoli = [
		{
			slug: UMBRIA,
			id: f.tavoloUmbria,
			meeting: f.meetingUmbria,
			doc: f.docUmbria,
			decision: f.decisionUmbria
		},
		{
			slug: CAGLIARI,
			id: f.tavoloCagliari,
			meeting: f.meetingCagliari,
			doc: f.docCagliari,
			decision: f.decisionUmbria
		},
		// Cagliari's rows under Umbria's address: a page must not serve another tavolo's row.
		{
			slug: UMBRIA,
			id: f.tavoloCagliari,
			meeting: f.meetingCagliari,
			doc: f.docCagliari,
			decision: f.decisionUmbria
		}
	];
	const usesTavolo = /\[(slug|tavolo|id)\]/.test(route.id);
	const paths = new Set<string>();
	for (const t of usesTavolo ? tavoli : tavoli.slice(0, 1)) {
		const segments = route.id.split('/');
		const filled = segments.map((s, i) =>
			s.replace(/\[(\w+)\]/g, (_, name: string) => {
				const before = segments[i - 1];
				switch (`${before}/${name}`) {
					case 'tavoli/slug':
						return t.slug;
					case 'registro/tavolo':
						return t.slug;
					case '[tavolo]/anno':
						return String(f.decisionYear);
					case '[anno]/numero':
						return String(f.decisionNumber);
					case 'decisioni/id':
						return String(t.decision);
					case 'riunioni/id':
						return String(t.meeting);
					case 'documenti/id':
						return t.doc;
					case 'versioni/versionId':
						return f.versionUmbria;
					case 'tavoli/id':
						return String(t.id);
					case 'invito/token':
					case 'calendario/token':
						return 'token-che-non-esiste';
				}
				throw new Error(`access scan: no fixture value for [${name}] in ${route.id}`);
			})
		);
		paths.add(filled.join('/') || '/');
	}
	// Query strings that make a page load another row.
	if (route.id.endsWith('/decisioni/nuova'))
		for (const p of [...paths]) paths.add(`${p}?rettifica=${f.decisionUmbria}`);
	return [...paths];
}

/** The address the SvelteKit client fetches for a page's data (every node invalidated). */
export function dataUrl(path: string): string {
	const [p, q] = path.split('?');
	const params = new URLSearchParams(q);
	params.set('x-sveltekit-invalidated', '11111111');
	return `${p === '/' ? '' : p}/__data.json?${params}`;
}
