// Issue 11 in the register: page data that named unreadable linked decisions, an Atom feed that
// plain text could break out of, formula cells in the CSV, and 404s that told hidden from missing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parse as parseCsv } from 'csv-parse/sync';
import { startServer, type TestServer } from '../helpers/server';
import { CAGLIARI, Client, DEMO, UMBRIA, signedIn } from '../helpers/http';
import { draftFields, record, recordAndPublish } from '../helpers/decisions';

let server: TestServer;
let seg: Client;
beforeAll(async () => {
	server = await startServer();
	seg = await signedIn(server.url, DEMO.segreteria);
});
afterAll(() => server?.stop());

function write(sql: string, ...args: unknown[]): void {
	const d = new Database(server.dbPath);
	try {
		d.prepare(sql).run(...args);
	} finally {
		d.close();
	}
}

describe('page data carries only what the viewer may read', () => {
	const SECRET_OF = 'Titolo riservato corretto da una rettifica pubblica zq1';
	const SECRET_BY = 'Titolo riservato di una rettifica di una decisione pubblica zq2';
	const made: Record<string, number> = {};
	beforeAll(async () => {
		const reserved = await recordAndPublish(
			seg,
			draftFields({ title: SECRET_OF, visibility: 'riservata' })
		);
		const publicFix = await recordAndPublish(
			seg,
			draftFields({ title: 'Rettifica pubblica zq1', rettificaOf: String(reserved.id) })
		);
		const open = await recordAndPublish(seg, draftFields({ title: 'Decisione pubblica zq2' }));
		await recordAndPublish(
			seg,
			draftFields({ title: SECRET_BY, visibility: 'riservata', rettificaOf: String(open.id) })
		);
		made.publicFix = publicFix.id;
		made.open = open.id;
	});

	for (const who of ['outsider', 'osservatore', 'componente'] as const)
		it(`${who}: neither the page nor its __data.json names a reserved linked decision`, async () => {
			const c = await signedIn(server.url, DEMO[who]);
			for (const id of [made.publicFix, made.open]) {
				const path = `/tavoli/${UMBRIA}/decisioni/${id}`;
				const html = await c.get(path);
				const data = await c.get(`${path}/__data.json`);
				expect(html.status, `${who} ${path}`).toBe(200);
				expect(data.status).toBe(200);
				const bodies = [await html.text(), await data.text()];
				for (const body of bodies) {
					expect(body).not.toContain(SECRET_OF);
					expect(body).not.toContain(SECRET_BY);
				}
			}
		});

	it('the segreteria still sees both links', async () => {
		const html = await (await seg.get(`/tavoli/${UMBRIA}/decisioni/${made.open}`)).text();
		expect(html).toContain('Rettificata da');
		const fix = await (await seg.get(`/tavoli/${UMBRIA}/decisioni/${made.publicFix}`)).text();
		expect(fix).toMatch(/rettifica la decisione \d+\/\d{4}/);
	});
});

describe('adversarial texts in the Atom feed and the CSV', () => {
	const HOSTILE = [
		{
			title: 'Chiusura ]]> </title></entry><entry><title>Falsa decisione</title> ]]> fine',
			body: 'Testo ]]><entry><id>https://evil.example/</id></entry>]]> con due CDATA chiuse.'
		},
		{
			title: 'Titolo con <script>alert(1)</script> & «virgolette» "doppie"',
			body: 'Corpo </content></entry><entry><title>Iniettata</title></entry> e <b>grassetto</b>.'
		}
	];
	const published: { ref: string; title: string; body: string }[] = [];
	beforeAll(async () => {
		for (const h of HOSTILE) {
			const d = await recordAndPublish(seg, draftFields(h));
			published.push({ ref: d.ref, ...h });
		}
	});

	it('each feed parses to exactly the published entries, with the exact texts', async () => {
		const parser = new XMLParser({
			ignoreAttributes: false,
			trimValues: false,
			parseTagValue: false,
			isArray: (name) => name === 'entry'
		});
		const text = (x: unknown) =>
			typeof x === 'object' && x
				? String((x as Record<string, unknown>)['#text'] ?? '')
				: String(x);
		for (const [path, json] of [
			['/registro.atom', '/registro.json?per_pagina=50'],
			[`/registro/${UMBRIA}/feed.atom`, `/registro.json?per_pagina=50&tavolo=${UMBRIA}`]
		]) {
			const xml = await (await fetch(server.url + path)).text();
			expect(XMLValidator.validate(xml), path).toBe(true);
			const entries = (parser.parse(xml).feed.entry ?? []) as Record<string, unknown>[];
			const expected = (
				(await (await fetch(server.url + json)).json()) as {
					decisioni: { url: string; numero: string; titolo: string; testo: string }[];
				}
			).decisioni;
			expect(entries.map((e) => text(e.id))).toEqual(expected.map((d) => d.url));
			expect(entries.map((e) => text(e.title))).toEqual(
				expected.map((d) => `${d.numero} – ${d.titolo}`)
			);
			expect(entries.map((e) => text(e.content))).toEqual(expected.map((d) => d.testo));
			for (const e of entries) {
				expect((e.title as Record<string, string>)['@_type']).toBe('text');
				expect((e.content as Record<string, string>)['@_type']).toBe('text');
			}
			for (const p of published) {
				const e = entries.find((x) => text(x.title) === `${p.ref} – ${p.title}`);
				expect(e, `${path} ${p.ref}`).toBeTruthy();
				expect(text(e!.content)).toBe(p.body);
			}
			expect(xml).not.toContain('<script>');
			expect(xml).not.toContain('evil.example/</id>');
		}
	});

	it('a title that is a spreadsheet formula comes back from /registro.csv prefixed, as text', async () => {
		const title = '=HYPERLINK("http://x")';
		const d = await recordAndPublish(seg, draftFields({ title, body: '+SUM(1;2) come testo.' }));
		const records = parseCsv(await (await fetch(`${server.url}/registro.csv`)).text(), {
			columns: true,
			bom: true
		}) as Record<string, string>[];
		const row = records.find((r) => r.numero === d.ref && r.tavolo === UMBRIA)!;
		expect(row.titolo).toBe(`'${title}`);
		expect(row.testo).toBe(`'+SUM(1;2) come testo.`);
	});
});

describe('hidden and missing decisions answer alike', () => {
	let hiddenDraft: number;
	let hiddenPublic: number;
	beforeAll(async () => {
		const cag = await signedIn(server.url, DEMO.outsider); // segreteria of Cagliari
		hiddenDraft = await record(
			cag,
			draftFields({ title: 'Bozza di Cagliari', visibility: 'osservatori' }),
			CAGLIARI
		);
		// A tavolo that was public and is no longer: its `pubblica` decisions must not surface.
		write('UPDATE tavoli SET is_public = 1 WHERE slug = ?', CAGLIARI);
		hiddenPublic = (await recordAndPublish(cag, draftFields({ title: 'Ex pubblica' }), CAGLIARI))
			.id;
		write('UPDATE tavoli SET is_public = 0 WHERE slug = ?', CAGLIARI);
	});

	// The page echoes its own address (language switch, links): that part differs by construction.
	const answer = async (c: Client, path: string) => {
		const res = await c.get(path);
		const page = path.replace(/\/__data\.json/, '').split('?')[0];
		const body = (await res.text())
			.replace(/nonce="[^"]*"/g, '')
			.replaceAll(page, 'PATH')
			.replaceAll(encodeURIComponent(page), 'PATH')
			.replace(/rettifica=\d+/g, 'rettifica=ID')
			.replace(/decisioni\/\d+/g, 'decisioni/ID');
		return { status: res.status, body };
	};

	it('on the decision page, its __data.json and the rettifica form, as an outsider and as the Umbria segreteria', async () => {
		const MISSING = 987654321;
		for (const c of [await signedIn(server.url, DEMO.componente), seg]) {
			for (const id of [hiddenDraft, hiddenPublic]) {
				for (const [hidden, missing] of [
					[`/tavoli/${UMBRIA}/decisioni/${id}`, `/tavoli/${UMBRIA}/decisioni/${MISSING}`],
					[
						`/tavoli/${UMBRIA}/decisioni/${id}/__data.json`,
						`/tavoli/${UMBRIA}/decisioni/${MISSING}/__data.json`
					],
					[`/tavoli/${CAGLIARI}/decisioni/${id}`, `/tavoli/non-esiste/decisioni/${id}`],
					[
						`/tavoli/${CAGLIARI}/decisioni/${id}/__data.json`,
						`/tavoli/non-esiste/decisioni/${id}/__data.json`
					],
					[
						`/tavoli/${UMBRIA}/decisioni/nuova?rettifica=${id}`,
						`/tavoli/${UMBRIA}/decisioni/nuova?rettifica=${MISSING}`
					],
					[
						`/tavoli/${UMBRIA}/decisioni/nuova/__data.json?rettifica=${id}`,
						`/tavoli/${UMBRIA}/decisioni/nuova/__data.json?rettifica=${MISSING}`
					]
				]) {
					const a = await answer(c, hidden);
					const b = await answer(c, missing);
					expect(b.status === 404 || b.status === 403 || b.status === 200, missing).toBe(true);
					expect(a, hidden).toEqual(b);
				}
			}
		}
	});
});

describe('register cache version', () => {
	it('a sign-in, a draft and a document edit keep the cached register valid; a publication does not', async () => {
		const etag = (await fetch(`${server.url}/registro.json`)).headers.get('etag')!;
		const still = async () =>
			(await fetch(`${server.url}/registro.json`, { headers: { 'if-none-match': etag } })).status;
		await signedIn(server.url, DEMO.componente);
		await record(seg, draftFields({ title: 'Bozza che non tocca il registro' }));
		const doc = new Database(server.dbPath);
		try {
			const id = (doc.prepare('SELECT id FROM documents LIMIT 1').get() as { id: string }).id;
			doc
				.prepare('INSERT INTO document_updates (document_id, data, created_at) VALUES (?, ?, ?)')
				.run(id, Buffer.from([0, 0]), Date.now());
		} finally {
			doc.close();
		}
		expect(await still()).toBe(304);
		await recordAndPublish(seg, draftFields({ title: 'Pubblicazione che cambia il registro' }));
		expect(await still()).toBe(200);
	});
});
