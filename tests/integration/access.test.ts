/**
 * The access matrix of the foundation: every role × every page and action added so far, through
 * the real server. Allowed means the page renders (200) or the action is accepted; a tavolo that is
 * not public is 404 to anyone outside it, never 403 (no existence leak).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { Client, DEMO, signedIn, UMBRIA, CAGLIARI } from '../helpers/http';

let server: TestServer;
const clients: Record<string, Client> = {};
const ROLES = [
	'anonymous',
	'outsider',
	'osservatore',
	'componente',
	'segreteria',
	'admin'
] as const;
type Role = (typeof ROLES)[number];

beforeAll(async () => {
	server = await startServer();
	clients.anonymous = new Client(server.url);
	for (const role of ROLES.slice(1))
		clients[role] = await signedIn(server.url, DEMO[role as Exclude<Role, 'anonymous'>]);
});
afterAll(() => server?.stop());

// 200 = allowed; 303 = sent to login; 403/404 = refused.
const PAGES: [string, Record<Role, number>][] = [
	[
		'/tavoli',
		{
			anonymous: 303,
			outsider: 200,
			osservatore: 200,
			componente: 200,
			segreteria: 200,
			admin: 200
		}
	],
	[
		// Signed out, a public tavolo's overview is its public scheda (ADR 016), see below.
		`/tavoli/${UMBRIA}`,
		{
			anonymous: 303,
			outsider: 200,
			osservatore: 200,
			componente: 200,
			segreteria: 200,
			admin: 200
		}
	],
	[
		`/tavoli/${CAGLIARI}`,
		{
			anonymous: 404,
			outsider: 200,
			osservatore: 200,
			componente: 404,
			segreteria: 404,
			admin: 200
		}
	],
	[
		`/tavoli/non-esiste`,
		{
			anonymous: 404,
			outsider: 404,
			osservatore: 404,
			componente: 404,
			segreteria: 404,
			admin: 404
		}
	],
	[
		`/tavoli/${UMBRIA}/membri`,
		{
			anonymous: 303,
			outsider: 403,
			osservatore: 403,
			componente: 403,
			segreteria: 200,
			admin: 200
		}
	],
	[
		`/tavoli/${CAGLIARI}/membri`,
		{
			anonymous: 404,
			outsider: 200,
			osservatore: 403,
			componente: 404,
			segreteria: 404,
			admin: 200
		}
	],
	[
		'/admin',
		{
			anonymous: 303,
			outsider: 403,
			osservatore: 403,
			componente: 403,
			segreteria: 403,
			admin: 200
		}
	],
	[
		'/admin/enti',
		{
			anonymous: 303,
			outsider: 403,
			osservatore: 403,
			componente: 403,
			segreteria: 403,
			admin: 200
		}
	],
	[
		'/admin/tavoli',
		{
			anonymous: 303,
			outsider: 403,
			osservatore: 403,
			componente: 403,
			segreteria: 403,
			admin: 200
		}
	],
	[
		'/admin/tavoli/1',
		{
			anonymous: 303,
			outsider: 403,
			osservatore: 403,
			componente: 403,
			segreteria: 403,
			admin: 200
		}
	],
	[
		'/account',
		{
			anonymous: 303,
			outsider: 200,
			osservatore: 200,
			componente: 200,
			segreteria: 200,
			admin: 200
		}
	],
	[
		'/notifiche',
		{
			anonymous: 303,
			outsider: 200,
			osservatore: 200,
			componente: 200,
			segreteria: 200,
			admin: 200
		}
	]
];

describe('pages', () => {
	for (const [path, expected] of PAGES) {
		it(`${path}`, async () => {
			const got: Record<string, number> = {};
			for (const role of ROLES) got[role] = (await clients[role].get(path)).status;
			expect(got).toEqual(expected);
		});
	}

	it('a public tavolo shows its members only to those who may read the workspace', async () => {
		const to = (await clients.anonymous.get(`/tavoli/${UMBRIA}`)).headers.get('location');
		expect(to).toBe(`/registro/${UMBRIA}`);
		const anon = await (await clients.anonymous.get(to!)).text();
		expect(anon).toContain('Tavolo regionale per l’integrazione lavorativa');
		expect(anon).toContain('Prefettura di Perugia');
		expect(anon).not.toContain('Marco Bellini');
		const outsider = await (await clients.outsider.get(`/tavoli/${UMBRIA}`)).text();
		expect(outsider).toContain('Tavolo regionale per l’integrazione lavorativa');
		expect(outsider).not.toContain('Marco Bellini');
		const member = await (await clients.componente.get(`/tavoli/${UMBRIA}`)).text();
		expect(member).toContain('Marco Bellini');
		expect(member).toContain('Prefettura di Perugia');
	});

	it('a 404 for a hidden tavolo looks exactly like one for a missing tavolo', async () => {
		const hidden = await (await clients.segreteria.get(`/tavoli/${CAGLIARI}`)).text();
		const missing = await (await clients.segreteria.get('/tavoli/non-esiste')).text();
		// Only the address the user typed may differ.
		const norm = (html: string, slug: string) =>
			html.replaceAll(slug, 'SLUG').replace(/Riferimento: \w+/, '');
		expect(norm(hidden, CAGLIARI)).not.toContain('Consiglio territoriale');
		expect(norm(hidden, CAGLIARI)).toBe(norm(missing, 'non-esiste'));
	});
});

describe('actions', () => {
	const add = (c: Client, slug: string) =>
		c.form(`/tavoli/${slug}/membri?/add`, {
			email: DEMO.outsiderComponente,
			enteId: '1',
			role: 'osservatore',
			representation: ''
		});

	it('only the segreteria (and the admin) may add members', async () => {
		expect((await add(clients.anonymous, UMBRIA)).status).toBe(303);
		expect((await add(clients.componente, UMBRIA)).status).toBe(403);
		expect((await add(clients.osservatore, UMBRIA)).status).toBe(403);
		expect((await add(clients.outsider, UMBRIA)).status).toBe(403);
		expect((await add(clients.segreteria, CAGLIARI)).status).toBe(404);
		const ok = await add(clients.segreteria, UMBRIA);
		expect(ok.status).toBe(200);
		expect(await ok.text()).toContain('Componente aggiunto');
	});

	it('only the admin creates enti and tavoli', async () => {
		for (const role of ['segreteria', 'componente', 'osservatore', 'outsider'] as const) {
			expect(
				(
					await clients[role].form('/admin/enti?/create', {
						name: `Ente ${role}`,
						kind: 'comune',
						region: ''
					})
				).status
			).toBe(403);
			expect(
				(
					await clients[role].form('/admin/tavoli?/create', {
						name: `Tavolo ${role}`,
						slug: `t-${role}`
					})
				).status
			).toBe(403);
		}
		const ok = await clients.admin.form('/admin/enti?/create', {
			name: 'Comune di Terni',
			kind: 'comune',
			region: 'Umbria'
		});
		expect(ok.status).toBe(200);
	});

	it('refuses a form post from another origin (CSRF)', async () => {
		const res = await clients.segreteria.form(
			`/tavoli/${UMBRIA}/membri?/invite`,
			{ email: 'x@example.it', enteId: '1', role: 'componente', representation: 'titolare' },
			{ headers: { origin: 'https://evil.example' } }
		);
		expect(res.status).toBe(403);
	});
});

describe('JSON endpoints', () => {
	it('/api/notifiche needs a session and a same-origin request to write', async () => {
		expect(
			(await clients.anonymous.get('/api/notifiche', { headers: { accept: 'application/json' } }))
				.status
		).toBe(401);
		const ok = await clients.componente.get('/api/notifiche', {
			headers: { accept: 'application/json' }
		});
		expect(ok.status).toBe(200);
		expect(await ok.json()).toMatchObject({
			unread: expect.any(Number),
			notifications: expect.any(Array)
		});
		expect(
			(
				await clients.componente.json(
					'/api/notifiche',
					'POST',
					{ all: true },
					{ headers: { origin: 'https://evil.example' } }
				)
			).status
		).toBe(403);
		const bad = await clients.componente.json('/api/notifiche', 'POST', { ids: 'tutti' });
		expect(bad.status).toBe(400);
		expect((await bad.json()).message).toContain('"ids"');
	});
});
