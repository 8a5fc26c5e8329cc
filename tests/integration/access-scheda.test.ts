/**
 * ADR 016: what a signed-out visitor sees of a tavolo. A public tavolo has a deliberate public
 * scheda (name, region, theme, enti, public decisions, open data) naming no person; its workspace
 * pages send the visitor to sign in; a private tavolo does not exist for them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { startServer, type TestServer } from '../helpers/server';
import { CAGLIARI, Client, DEMO, UMBRIA, signedIn } from '../helpers/http';
import { draftFields, recordAndPublish } from '../helpers/decisions';

let server: TestServer;
const anon = () => new Client(server.url);
let people: string[] = [];
let published: { ref: string; year: number; number: number };

beforeAll(async () => {
	server = await startServer();
	const seg = await signedIn(server.url, DEMO.segreteria);
	published = await recordAndPublish(
		seg,
		draftFields({ title: 'Decisione pubblica della scheda' })
	);
	await recordAndPublish(
		seg,
		draftFields({ title: 'Decisione riservata fuori dalla scheda', visibility: 'riservata' })
	);
	const d = new Database(server.dbPath, { readonly: true });
	try {
		people = (d.prepare('SELECT name FROM users').all() as { name: string }[]).map((r) => r.name);
	} finally {
		d.close();
	}
});
afterAll(() => server?.stop());

describe('signed out', () => {
	it('the overview of a public tavolo leads to its public scheda', async () => {
		const res = await anon().get(`/tavoli/${UMBRIA}`);
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe(`/registro/${UMBRIA}`);
	});

	it('the workspace pages of a public tavolo lead to sign-in, and back', async () => {
		for (const page of ['riunioni', 'documenti', 'decisioni', 'piano', 'membri']) {
			const res = await anon().get(`/tavoli/${UMBRIA}/${page}`);
			expect(res.status, page).toBe(303);
			expect(res.headers.get('location')).toBe(
				`/login?next=${encodeURIComponent(`/tavoli/${UMBRIA}/${page}`)}`
			);
		}
	});

	it('the scheda shows name, region, theme, enti, public decisions and open data; no person', async () => {
		const res = await anon().get(`/registro/${UMBRIA}`);
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain('Tavolo regionale per l’integrazione lavorativa');
		expect(html).toContain('Umbria');
		expect(html).toContain('Prefettura di Perugia');
		expect(html).toContain(`href="/registro/${UMBRIA}/${published.year}/${published.number}"`);
		expect(html).toContain('Decisione pubblica della scheda');
		expect(html).not.toContain('Decisione riservata fuori dalla scheda');
		expect(html).toContain(`href="/catalogo.ttl#registro-${UMBRIA}"`);
		expect(html).toContain(`href="/registro/${UMBRIA}/feed.atom"`);
		for (const name of people) expect(html, name).not.toContain(name);
		// The dataset it links to is in the catalogue.
		const ttl = await (await fetch(`${server.url}/catalogo.ttl`)).text();
		expect(ttl).toContain(`#registro-${UMBRIA}`);
	});

	it('a signed-in member reads the same scheda, in English too, still without names', async () => {
		const c = await signedIn(server.url, DEMO.componente);
		await c.form('/lingua', { locale: 'en', next: '/' });
		const html = await (await c.get(`/registro/${UMBRIA}`)).text();
		expect(html).toContain('Bodies that make up the table');
		expect(html).toContain('Public decisions');
		for (const name of people.filter((n) => n !== 'Marco Bellini'))
			expect(html, name).not.toContain(name);
	});

	it('a private and an unknown tavolo answer alike: 404, same body', async () => {
		const body = async (path: string, slug: string) => {
			const res = await anon().get(path);
			return { status: res.status, body: (await res.text()).replaceAll(slug, 'SLUG') };
		};
		for (const [a, b] of [
			[`/registro/${CAGLIARI}`, '/registro/non-esiste'],
			[`/tavoli/${CAGLIARI}`, '/tavoli/non-esiste']
		]) {
			const hidden = await body(a, CAGLIARI);
			const missing = await body(b, 'non-esiste');
			expect(hidden.status).toBe(404);
			expect(hidden).toEqual(missing);
			expect(hidden.body).not.toContain('Consiglio territoriale');
		}
	});
});
