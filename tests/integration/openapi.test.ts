// The described API (issue 17): /api/openapi.json is a valid OpenAPI 3.1 document, names every JSON
// route, and real answers of the running server validate against its schemas; errors are
// application/problem+json (RFC 9457). A new JSON route without a description fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { Validator } from '@seriousme/openapi-schema-validator';
import { startServer, type TestServer } from '../helpers/server';
import { Client, DEMO, signedIn, UMBRIA } from '../helpers/http';
import { draftFields, meetingWithAttendance, recordAndPublish } from '../helpers/decisions';

type Doc = {
	openapi: string;
	paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
	components: { schemas: Record<string, object> };
};

let server: TestServer;
let doc: Doc;
beforeAll(async () => {
	server = await startServer();
	const res = await fetch(`${server.url}/api/openapi.json`);
	expect(res.status).toBe(200);
	doc = (await res.json()) as Doc;
});
afterAll(async () => {
	await server?.stop();
});

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const p = join(dir, name);
		return statSync(p).isDirectory() ? files(p) : [p];
	});
}

/** src/routes/(public)/registro.json/+server.ts → /registro.json; [slug] → {slug}. */
function jsonRoutes(): string[] {
	const root = join(process.cwd(), 'src', 'routes');
	return files(root)
		.filter((f) => f.endsWith(`${sep}+server.ts`))
		.filter((f) =>
			/\bjson\(|application\/(ld\+|problem\+)?json|openApiDocument/.test(readFileSync(f, 'utf8'))
		)
		.map((f) => {
			const segs = relative(root, f).split(sep).slice(0, -1);
			const path = segs
				.filter((s) => !/^\(.*\)$/.test(s))
				.map((s) => s.replace(/\[(\w+)\]/g, '{$1}'))
				.join('/');
			return `/${path}`;
		})
		.sort();
}

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
function check(name: string, body: unknown) {
	const schema = doc.components.schemas[name];
	expect(schema, `schema ${name}`).toBeTruthy();
	const validate = ajv.getSchema(name) ?? (ajv.addSchema(schema, name), ajv.getSchema(name)!);
	const ok = validate(body);
	expect(ok, `${name}: ${JSON.stringify(validate.errors?.slice(0, 5))}`).toBe(true);
}

const responseSchema = (path: string, method: string, status = '200') => {
	const content = (
		doc.paths[path][method].responses[status] as {
			content: Record<string, { schema: { $ref?: string } }>;
		}
	).content;
	return Object.values(content)[0].schema.$ref!.split('/').pop()!;
};

describe('the OpenAPI document', () => {
	it('validates as OpenAPI 3.1', async () => {
		expect(doc.openapi).toMatch(/^3\.1\./);
		const result = await new Validator().validate(structuredClone(doc));
		expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
		expect(result.valid).toBe(true);
	});

	it('describes every JSON route under src/routes, and only real ones', () => {
		const routes = jsonRoutes();
		expect(routes).toContain('/registro.json');
		expect(routes).toContain('/api/notifiche');
		expect(Object.keys(doc.paths).sort()).toEqual(routes);
	});

	it('is rendered as a readable page at /api, without scripts from elsewhere', async () => {
		const res = await fetch(`${server.url}/api`);
		expect(res.status).toBe(200);
		const html = await res.text();
		for (const path of Object.keys(doc.paths)) expect(html).toContain(path);
		expect(html).toContain('id="schema-Registro"');
		expect(html).toContain('problem+json');
		expect(html).not.toMatch(/<script[^>]+src="https?:/);
	});
});

describe('real answers match the description', () => {
	it('every documented operation answers as its schema says', async () => {
		const seg = await signedIn(server.url, DEMO.segreteria);
		await recordAndPublish(seg, draftFields({ title: 'Decisione per la descrizione delle API' }));
		const { meetingId } = await meetingWithAttendance(seg, 'Riunione per le API', []);
		const accept = { headers: { accept: 'application/json' } };
		const samples: Record<string, () => Promise<Response>> = {
			'get /registro.json': () => fetch(`${server.url}/registro.json?per_pagina=5`),
			'get /tavoli/{slug}/piano/azioni.json': () => seg.get(`/tavoli/${UMBRIA}/piano/azioni.json`),
			'post /tavoli/{slug}/piano/api': () =>
				seg.json(`/tavoli/${UMBRIA}/piano/api`, 'POST', {
					ops: [{ op: 'add', titolo: 'Azione aggiunta dal test delle API' }]
				}),
			'get /api/riunioni/{id}': () => seg.get(`/api/riunioni/${meetingId}`, accept),
			'get /api/notifiche': () => seg.get('/api/notifiche?limit=5', accept),
			'post /api/notifiche': () => seg.json('/api/notifiche', 'POST', { all: true }),
			'get /privacy/i-miei-dati': () => seg.get('/privacy/i-miei-dati'),
			'get /catalogo.jsonld': () => fetch(`${server.url}/catalogo.jsonld`),
			'get /healthz': () => fetch(`${server.url}/healthz`),
			'get /api/openapi.json': () => fetch(`${server.url}/api/openapi.json`)
		};
		const documented = Object.entries(doc.paths).flatMap(([p, ms]) =>
			Object.keys(ms).map((m) => `${m} ${p}`)
		);
		// A newly described operation needs a real answer checked here too.
		expect(Object.keys(samples).sort()).toEqual(documented.sort());
		for (const [key, call] of Object.entries(samples)) {
			const [method, path] = key.split(' ');
			const res = await call();
			expect(res.status, key).toBe(200);
			const body = await res.json();
			if (path === '/api/openapi.json') continue; // validated as OpenAPI above
			check(responseSchema(path, method), body);
			if (path === '/registro.json') expect(body.decisioni.length).toBeGreaterThan(0);
			if (path === '/api/riunioni/{id}') expect(body.agenda.length).toBe(1);
		}
	});
});

describe('the register query as described is the one the server parses', () => {
	// parseFilters() keeps its own Italian messages; this pins it to the described parameters.
	it('accepts every described parameter and enum value, refuses any other parameter', async () => {
		const params = (
			doc.paths['/registro.json'].get as unknown as {
				parameters: { name: string; schema: { enum?: string[] } }[];
			}
		).parameters;
		const sample: Record<string, string> = {
			tavolo: UMBRIA,
			regione: 'Umbria',
			anno: '2026',
			q: 'piano',
			pagina: '1',
			per_pagina: '10'
		};
		for (const p of params) {
			const values = p.schema.enum ?? [sample[p.name]];
			expect(values[0], p.name).toBeDefined();
			for (const v of values) {
				const res = await fetch(`${server.url}/registro.json?${p.name}=${encodeURIComponent(v)}`);
				expect(res.status, `${p.name}=${v}`).toBe(200);
			}
		}
		const other = await fetch(`${server.url}/registro.json?ordine=data`);
		expect(other.status).toBe(400);
		expect((await other.json()).errors.ordine).toMatch(/Filtro sconosciuto/);
	});
});

describe('errors are problem details (RFC 9457)', () => {
	async function problem(res: Response, status: number) {
		expect(res.status).toBe(status);
		expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
		const body = await res.json();
		check('Problem', body);
		expect(body.status).toBe(status);
		return body;
	}

	it('a bad query parameter names the field', async () => {
		const body = await problem(await fetch(`${server.url}/registro.json?anno=duemila`), 400);
		expect(body.errors.anno).toMatch(/Anno non valido/);
		expect(body.detail).toBe(body.errors.anno);
	});

	it('signed out, a bad body, an unknown meeting, a refused edit', async () => {
		const anon = new Client(server.url);
		const out = await problem(await anon.get('/api/notifiche'), 401);
		expect(out.detail).toBe('Accesso richiesto');
		const c = await signedIn(server.url, DEMO.componente);
		const bad = await problem(await c.json('/api/notifiche', 'POST', { ids: 'tutte' }), 400);
		expect(bad.detail).toContain('"ids"');
		const limit = await problem(await c.get('/api/notifiche?limit=0'), 400);
		expect(limit.errors.limit).toMatch(/tra 1 e 200/);
		await problem(
			await c.get('/api/riunioni/99999999', { headers: { accept: 'application/json' } }),
			404
		);
		const ops = await problem(
			await c.json(`/tavoli/${UMBRIA}/piano/api`, 'POST', { ops: [] }),
			400
		);
		expect(ops.detail).toMatch(/Nessuna modifica/);
		const notJson = await c.request(`/tavoli/${UMBRIA}/piano/api`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{'
		});
		await problem(notJson, 400);
		const foreign = await c.json(
			'/api/notifiche',
			'POST',
			{ all: true },
			{
				headers: { origin: 'https://altro.example' }
			}
		);
		expect((await problem(foreign, 403)).detail).toMatch(/origine non consentita/);
	});
});
